using System.Text;
using System.Text.Json;

namespace Failkit.Evidence.Format;

public static partial class CanonicalJson
{
    /// <summary>True when <paramref name="json"/> is exactly its own canonical form: the same answer as comparing it with
    /// <see cref="Canonicalize"/>'s output, but read once without building anything, because the verifier asks it of
    /// every manifest and re-serializing was most of its time.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> json)
    {
        try
        {
            return Check(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Not JSON, a string that is not valid UTF-16, or a number beyond a double: no canonical form equals it.
            return false;
        }
    }

    private static bool Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var lastNames = new Stack<string?>();
        long end = 0;
        while (reader.Read())
        {
            // Between two tokens there is nothing, or one separator: any whitespace makes the text non-canonical.
            var gap = reader.TokenStartIndex - end;
            if (gap > 1 || (gap == 1 && json[(int)end] is not ((byte)',' or (byte)':')))
            {
                return false;
            }

            var raw = reader.ValueSpan;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    lastNames.Push(null);
                    end = reader.TokenStartIndex + 1;
                    continue;
                case JsonTokenType.EndObject:
                    lastNames.Pop();
                    end = reader.TokenStartIndex + 1;
                    continue;
                case JsonTokenType.StartArray or JsonTokenType.EndArray:
                    end = reader.TokenStartIndex + 1;
                    continue;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    // Strictly after the previous name in UTF-16 order: sorted, and no name twice.
                    if (lastNames.Pop() is { } previous && string.CompareOrdinal(previous, name) >= 0)
                    {
                        return false;
                    }

                    lastNames.Push(name);
                    if (reader.ValueIsEscaped && !EscapedAsCanonical(raw, name))
                    {
                        return false;
                    }

                    end = reader.TokenStartIndex + raw.Length + 2;
                    continue;
                case JsonTokenType.String:
                    if (reader.ValueIsEscaped && !EscapedAsCanonical(raw, reader.GetString()!))
                    {
                        return false;
                    }

                    end = reader.TokenStartIndex + raw.Length + 2;
                    continue;
                case JsonTokenType.Number:
                    if (!IsPlainInteger(raw) && !raw.SequenceEqual(Encoding.ASCII.GetBytes(FormatNumber(reader.GetDouble()))))
                    {
                        return false;
                    }

                    end = reader.TokenStartIndex + raw.Length;
                    continue;
                default:
                    end = reader.TokenStartIndex + raw.Length;
                    continue;
            }
        }

        return end == json.Length;
    }

    /// <summary>Up to 15 digits, no leading zero, not "-0": a double holds it exactly and ECMAScript prints it digit for
    /// digit, so it is canonical without formatting it (report numbers, counts and seconds are mostly such integers).</summary>
    private static bool IsPlainInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        if (digits.Length is 0 or > 15 || (digits[0] == (byte)'0' && (digits.Length > 1 || digits.Length < raw.Length)))
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An unescaped string is always canonical (JSON forbids raw control characters, quotes and backslashes in
    /// it); an escaped one is canonical only with exactly the escapes <see cref="WriteString"/> writes.</summary>
    private static bool EscapedAsCanonical(ReadOnlySpan<byte> raw, string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        WriteString(sb, value);
        var canonical = Encoding.UTF8.GetBytes(sb.ToString(1, sb.Length - 2));
        return raw.SequenceEqual(canonical);
    }
}
