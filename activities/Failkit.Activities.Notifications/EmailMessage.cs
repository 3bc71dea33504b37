namespace Failkit.Activities.Notifications;

/// <summary>One email: a text body and, optionally, an HTML alternative, and attachments.</summary>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string TextBody)
{
    public string? HtmlBody { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Where an attachment comes from, by reference, so no file body passes through a workflow's state. A
/// reference is <c>scheme:id</c>, e.g. <c>drill-report:3f2c…</c>; the module owning the scheme registers a source
/// (the evidence module serves signed drill report PDFs).</summary>
public interface IAttachmentSource
{
    /// <summary>The scheme this source answers, e.g. <c>drill-report</c>.</summary>
    string Scheme { get; }

    /// <summary>The attachment, or null when the id names nothing this plane may read.</summary>
    Task<EmailAttachment?> ResolveAsync(string id, CancellationToken ct);
}

/// <summary>Who a workflow's notification was for and why: written to the journal and the audit trail.</summary>
public sealed record DeliveryContext(string? WorkflowInstanceId = null, string? Correlation = null, string Actor = "system:notifications");
