using System.Globalization;
using System.Xml.Linq;

namespace Failkit.CloudFakes.Aws;

/// <summary>EC2's XML shapes: responses in the 2016-11-15 namespace with a requestId, lists as item elements.</summary>
internal static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement Response(string action, string requestId, params object[] content) =>
        new(Ns + $"{action}Response", new XElement(Ns + "requestId", requestId), content);

    public static XElement E(string name, object? content) => new(Ns + name, content);

    public static XElement Set(string name, IEnumerable<XElement> items) =>
        new(Ns + name, items.Select(i => new XElement(Ns + "item", i.Nodes())));

    public static XElement Item(params object?[] content) => new(Ns + "item", content);

    public static XElement TagSet(IReadOnlyDictionary<string, string> tags, string name = "tagSet") =>
        Set(name, tags.Select(t => Item(E("key", t.Key), E("value", t.Value))));

    public static XElement State(string elementName, string state) =>
        E(elementName, new object[] { E("code", Code(state)), E("name", state) });

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>EC2's error envelope (note the capitalised RequestID, unlike successful responses).</summary>
    public static XElement Error(string code, string message, string requestId) =>
        new("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", requestId));

    private static int Code(string state) => state switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        "stopped" => 80,
        _ => 0,
    };
}
