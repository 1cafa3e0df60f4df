using Streaming.Bench.LoadGen.Wire;

namespace Streaming.Bench.LoadGen.Tests;

public sealed class AnswerJsonTests
{
    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), type)!;

    [Fact]
    public void An_ingest_answer_gives_its_counts_and_the_first_rejection_with_its_errors()
    {
        var answer = Read("""{"accepted":2,"rejected":[{"index":1,"errors":["type: unknown","offer: unknown"]},{"index":3,"errors":["x"]}]}""",
            AnswerJsonContext.Default.IngestAnswer);

        Assert.Equal(new IngestResult(HttpStatusCode.Accepted, 2, 2, null, "event 1: type: unknown; offer: unknown"), answer.ToResult());
    }

    [Fact]
    public void An_ingest_answer_that_lists_only_some_rejections_counts_them_all()
    {
        var answer = Read("""{"accepted":0,"rejectedCount":250,"rejectedOmitted":249,"rejected":[{"index":0,"errors":["event: must be a JSON object"]}]}""",
            AnswerJsonContext.Default.IngestAnswer);

        Assert.Equal(new IngestResult(HttpStatusCode.Accepted, 0, 250, null, "event 0: event: must be a JSON object"), answer.ToResult());
    }

    [Fact]
    public void An_ingest_answer_without_rejections_has_no_detail()
    {
        var answer = Read("""{"accepted":500,"rejected":[]}""", AnswerJsonContext.Default.IngestAnswer);

        Assert.Equal(new IngestResult(HttpStatusCode.Accepted, 500, 0, null, null), answer.ToResult());
    }

    [Fact]
    public void An_answer_missing_a_property_is_not_taken_for_an_empty_one()
    {
        Assert.Throws<JsonException>(() => Read("""{"accepted":500}""", AnswerJsonContext.Default.IngestAnswer));
        Assert.Throws<JsonException>(() => Read("""{"channelId":"c"}""", AnswerJsonContext.Default.SeriesAnswer));
    }

    [Fact]
    public void Series_and_ranked_units_are_counted_whatever_their_elements_hold()
    {
        Assert.Equal(2, Read("""{"channelId":"c","series":[{"start":"2026-01-01","trialStarts":3},{}],"totals":{}}""",
            AnswerJsonContext.Default.SeriesAnswer).Series.Count);
        Assert.Equal(3, Read("""{"month":"2026-11","units":[{"id":"a","cer":100},{"id":"b","cer":null},{"id":"c"}]}""",
            AnswerJsonContext.Default.UnitsAnswer).Units.Count);
    }
}
