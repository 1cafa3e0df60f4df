namespace Streaming.TestSupport;

public static class JsonAssert
{
    /// <summary>Equal JSON text once insignificant whitespace is gone: same order, same number spelling (1.50 is not 1.5).</summary>
    public static void Equal(string expected, string actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), JsonNode.Parse(actual)!.ToJsonString());

    public static void Equal(string expected, JsonNode? actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual?.ToJsonString() ?? "null");
}
