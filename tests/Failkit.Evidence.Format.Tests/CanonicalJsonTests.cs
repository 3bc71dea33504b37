using System.Text;
using System.Text.Json.Nodes;

namespace Failkit.Evidence.Format.Tests;

public sealed class CanonicalJsonTests
{
    // RFC 8785 appendix B: IEEE 754 bit patterns and the text ECMAScript prints for them.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Rfc8785NumberSample_PrintsAsEcmaScript(ulong bits, string expected) =>
        Assert.Equal(expected, CanonicalJson.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));

    [Theory]
    [InlineData("1e21", "1e+21")]
    [InlineData("1E20", "100000000000000000000")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("18446744073709551615", "18446744073709552000")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568e+29")]
    public void NumberText_CanonicalizesToEcmaScriptForm(string json, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json))));

    [Fact]
    public void ZeroPointOnePlusZeroPointTwo_ShortestRoundTrip() =>
        Assert.Equal("[0.30000000000000004,0.3]", Text(new JsonArray(0.1 + 0.2, 0.3m)));

    [Fact]
    public void NonFiniteNumber_Throws() =>
        Assert.Throws<System.Text.Json.JsonException>(() => CanonicalJson.FormatNumber(double.NaN));

    [Fact]
    public void RfcSample_ExactUtf8Bytes()
    {
        // The sample of the JCS reference implementation, with its published UTF-8 bytes.
        var input = """
            {
              "numbers": [1E30,4.50,6,2e-3,0.000000000000000000000000001],
              "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "other":  [null, true, false]
            }
            """;
        var hex = "7b226573636170696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f222c226e756d6265727322" +
            "3a5b31652b33302c342e352c362c302e3030322c31652d32375d2c226f74686572223a5b6e756c6c2c747275652c66616c73655d7d";

        var canonical = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input));

        Assert.Equal(hex, Convert.ToHexStringLower(canonical));
    }

    [Fact]
    public void NonAsciiKeys_SortedByUtf16CodeUnits()
    {
        // RFC 8785 3.2.3: the emoji (a surrogate pair, D83D DE00) sorts before U+FB33 although its code point is larger.
        var obj = new JsonObject
        {
            ["\u20ac"] = "Euro Sign",
            ["\r"] = "Carriage Return",
            ["\ufb33"] = "Hebrew Letter Dalet With Dagesh",
            ["1"] = "One",
            ["\ud83d\ude00"] = "Emoji: Grinning Face",
            ["\u0080"] = "Control",
            ["\u00f6"] = "Latin Small Letter O With Diaeresis",
        };

        var keys = System.Text.Json.JsonDocument.Parse(CanonicalJson.Serialize(obj)).RootElement.EnumerateObject().Select(p => p.Name);

        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], keys);
    }

    [Fact]
    public void StringEscapes_OnlyTheMandatoryOnes()
    {
        var text = Text(new JsonArray("\"\\\b\f\n\r\t\u0001\u001f/<>&é\u2028"));

        Assert.Equal("[\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/<>&é\u2028\"]", text);
    }

    [Fact]
    public void NestedObjectsAndWhitespace_SortedAtEveryLevelWithNoWhitespace() =>
        Assert.Equal("{\"a\":{\"x\":[1,{\"b\":null,\"c\":true}],\"y\":false},\"b\":\"\"}",
            Encoding.UTF8.GetString(CanonicalJson.Canonicalize("""{ "b" : "", "a" : { "y" : false, "x" : [ 1.0, { "c" : true, "b" : null } ] } }"""u8)));

    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":"x"}""", true)]
    [InlineData("""{"a":1 ,"b":2}""", false)]
    [InlineData(""" {"a":1}""", false)]
    [InlineData("""{"a":1}""" + "\n", false)]
    [InlineData("""{"b":1,"a":2}""", false)]
    [InlineData("""{"a":1,"a":1}""", false)]
    [InlineData("""{"a":{"y":1,"x":2}}""", false)]
    [InlineData("""[1.0]""", false)]
    [InlineData("""[-0]""", false)]
    [InlineData("""[0,-1,123456789012345,1e+21,0.5,1e-7]""", true)]
    [InlineData("""[1e21]""", false)]
    [InlineData("""[9007199254740993]""", false)]
    [InlineData("""["\u0041"]""", false)]
    [InlineData("""["\/"]""", false)]
    [InlineData("""["\u000f\n\"\\é"]""", true)]
    [InlineData("""["\u000F"]""", false)]
    [InlineData("{\"\\r\":1,\"1\":2,\"\u0080\":3,\"\ud83d\ude00\":4,\"\ufb33\":5}", true)]
    [InlineData("{\"\ufb33\":5,\"\ud83d\ude00\":4}", false)]
    [InlineData("""{"a":1}{"b":2}""", false)]
    [InlineData("""{"a":""", false)]
    public void IsCanonical_SameAnswerAsComparingWithCanonicalize(string json, bool expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        bool compared;
        try
        {
            compared = CanonicalJson.Canonicalize(bytes).AsSpan().SequenceEqual(bytes);
        }
        catch (System.Text.Json.JsonException)
        {
            compared = false;
        }

        Assert.Equal(expected, CanonicalJson.IsCanonical(bytes));
        Assert.Equal(expected, compared);
    }

    [Fact]
    public void DuplicateMember_CannotBeCanonicalized() =>
        Assert.Throws<System.Text.Json.JsonException>(() => CanonicalJson.Canonicalize("""{"a":1,"a":2}"""u8));

    private static string Text(JsonNode node) => Encoding.UTF8.GetString(CanonicalJson.Serialize(node));
}
