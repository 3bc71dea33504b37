using System.Text;
using System.Text.Json;

namespace Failkit.Evidence.Format;

public static partial class CanonicalJson
{
    /// <summary>The canonical bytes of a parsed document. Same rules as for nodes, but straight from the parsed
    /// document: building a node tree first cost the verifier most of its time on every manifest.</summary>
    /// <exception cref="JsonException">An object names a member twice (RFC 8785 requires unique names), or a number
    /// is not finite.</exception>
    public static byte[] Serialize(JsonElement element)
    {
        var sb = new StringBuilder();
        Write(sb, element);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Write(StringBuilder sb, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = element.EnumerateObject().ToList();
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                sb.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (members[i].Name == members[i - 1].Name)
                        {
                            throw new JsonException($"The member name '{members[i].Name}' appears twice in one object.");
                        }

                        sb.Append(',');
                    }

                    WriteString(sb, members[i].Name);
                    sb.Append(':');
                    Write(sb, members[i].Value);
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Write(sb, item);
                }

                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(sb, element.GetString()!);
                break;
            case JsonValueKind.Number:
                sb.Append(FormatNumber(element.TryGetDouble(out var d) ? d : throw new JsonException($"The number {element.GetRawText()} is not a finite double.")));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }
}
