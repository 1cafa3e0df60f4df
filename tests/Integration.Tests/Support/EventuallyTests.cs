using Xunit.Sdk;

namespace Streaming.Integration.Tests.Support;

/// <summary>The polling helper of TestSupport: it reads again until done, and a failure says what it waited for and saw.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task Reads_again_until_the_value_is_the_awaited_one_and_returns_it()
    {
        var reads = 0;

        var value = await Eventually.UntilAsync(() => Task.FromResult(++reads * 10), v => v >= 30, "30");

        Assert.Equal((30, 3), (value, reads));
    }

    [Fact]
    public async Task A_timeout_fails_naming_what_was_awaited_and_the_last_value_seen()
    {
        var error = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.UntilAsync(() => Task.FromResult(7L), v => v >= 12, "processed to reach 12", TimeSpan.Zero));

        Assert.Equal("Waited 0 s for processed to reach 12; the last value seen was 7.", error.Message);
    }

    [Fact]
    public async Task A_sequence_is_shown_item_by_item()
    {
        var error = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.UntilAsync(() => Task.FromResult(new[] { "a | 1", "b | 2" }), rows => rows.Length == 3, "three rows", TimeSpan.Zero));

        Assert.Equal("Waited 0 s for three rows; the last value seen was [a | 1, b | 2].", error.Message);
    }

    [Fact]
    public async Task A_condition_shows_what_its_caller_says_was_seen()
    {
        var error = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.UntilAsync(() => false, "the stream to close", TimeSpan.Zero, seen: () => "1 open"));

        Assert.Equal("Waited 0 s for the stream to close; the last value seen was 1 open.", error.Message);
    }

    [Fact]
    public async Task A_condition_that_holds_at_once_is_not_read_again()
    {
        var checks = 0;

        await Eventually.UntilAsync(() => ++checks > 0, "the first check", TimeSpan.Zero);

        Assert.Equal(1, checks);
    }
}
