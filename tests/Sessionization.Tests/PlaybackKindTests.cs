using Streaming.Contracts.Playback;

namespace Streaming.Sessionization.Tests;

/// <summary>The wire vocabulary of event types and the kinds sessionization keeps (stored as numbers in Redis).</summary>
public sealed class PlaybackKindTests
{
    [Fact]
    public void Every_wire_type_has_its_own_kind_with_its_stored_number_and_every_kind_a_type()
    {
        Assert.Equal([(PlaybackTypes.Play, 0), (PlaybackTypes.Resume, 1), (PlaybackTypes.Heartbeat, 2), (PlaybackTypes.Pause, 3), (PlaybackTypes.Stop, 4)],
            PlaybackTypes.All.Select(t => (t, PlaybackKinds.TryParse(t, out var k) ? (int)k : -1)).OrderBy(p => p.Item2));
        Assert.Equal(Enum.GetValues<PlaybackKind>().Length, PlaybackTypes.All.Count);
    }

    [Theory]
    [InlineData("Play")]
    [InlineData("seek")]
    [InlineData("")]
    public void Anything_else_is_no_kind(string type)
    {
        Assert.False(PlaybackKinds.TryParse(type, out _));
    }
}
