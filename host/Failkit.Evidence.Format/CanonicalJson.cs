using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failkit.Evidence.Format;

/// <summary>RFC 8785 (JSON Canonicalization Scheme): members sorted by their UTF-16 code units, no whitespace,
/// numbers as ECMAScript prints an IEEE double, strings with only the mandatory escapes. Two parties that hold the
/// same data produce the same bytes, so a hash over them is a hash over the data.</summary>
public static partial class CanonicalJson
{
    public static byte[] Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Re-canonicalizes JSON text (e.g. a file read back); throws <see cref="JsonException"/> on bad JSON.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("Text follows the JSON value.");
        }

        return Serialize(document.RootElement);
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value);
                }

                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, arr[i]);
                }

                sb.Append(']');
                break;
            default:
                WriteValue(sb, node.AsValue());
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        // Parsed documents and the strings, doubles and booleans set in code take this path without a serializer round
        // trip (which cost the verifier most of its time); every other value still goes through the serializer below.
        switch (value.GetValueKind())
        {
            case JsonValueKind.String when value.TryGetValue<string>(out var s):
                WriteString(sb, s);
                return;
            case JsonValueKind.Number when value.TryGetValue<double>(out var d):
                sb.Append(FormatNumber(d));
                return;
            case JsonValueKind.True:
                sb.Append("true");
                return;
            case JsonValueKind.False:
                sb.Append("false");
                return;
        }

        // Values built in code (numbers, strings, dates) print as the serializer spells them, then as any parsed value.
        Write(sb, JsonSerializer.SerializeToElement(value));
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>ECMAScript's Number::toString: the shortest digits that round-trip, plain notation for decimal
    /// exponents from -6 to 20, exponent notation (<c>1e+21</c>, <c>1e-7</c>) outside them.</summary>
    public static string FormatNumber(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new JsonException("NaN and Infinity have no JSON form.");
        }

        if (d == 0)
        {
            return "0";
        }

        // "R" gives the shortest round-trip digits (since .NET Core 3.0); split them into digits and the position of
        // the decimal point relative to the first digit (ECMAScript's n).
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var ePos = r.IndexOf('E', StringComparison.Ordinal);
        var exp = ePos < 0 ? 0 : int.Parse(r[(ePos + 1)..], CultureInfo.InvariantCulture);
        var mantissa = ePos < 0 ? r : r[..ePos];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var all = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var n = (dot < 0 ? mantissa.Length : dot) + exp;
        var digits = all.TrimStart('0');
        n -= all.Length - digits.Length;
        digits = digits.TrimEnd('0');
        var k = digits.Length;
        var sign = d < 0 ? "-" : "";
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var es = e >= 0 ? "+" + e.ToString(CultureInfo.InvariantCulture) : e.ToString(CultureInfo.InvariantCulture);
            body = k == 1 ? digits + "e" + es : digits[..1] + "." + digits[1..] + "e" + es;
        }

        return sign + body;
    }
}
