namespace Failkit.Workflows.Api.Http;

/// <summary>A hypermedia link; the Studio decides what is editable from their <c>rel</c>.</summary>
public sealed record Link(string Href, string Rel, string Method);

/// <summary>Elsa's ListResponse: <c>{items, count}</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Count);

/// <summary>Elsa's PagedListResponse: <c>{items, totalCount, links}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, long TotalCount, IReadOnlyList<Link>? Links = null);

/// <summary>A list Elsa sends as <c>{items}</c> only (the strategy descriptors).</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
