using System.Diagnostics;
using Streaming.Contracts.Sessionization;
using Streaming.Sessionization.Storage;

namespace Streaming.Sessionization.Tests;

/// <summary>Facts kept in the outbox carry the committing batch's trace context, and older entries still read.</summary>
public sealed class OutboxEntryTests
{
    private static readonly StreamActivityRecorded Facts = new()
    {
        BatchId = Guid.Parse("0b7e4c9a-5d1f-4a57-9b0e-2f0c3f2b8d11"),
        Items =
        [
            new StreamActivity
            {
                CustomerId = "c1", TitleId = "A", Marketplace = "US", Offer = "prime",
                HourStart = DateTimeOffset.Parse("2026-11-20T10:00:00Z"), StreamsDelta = 1, WatchedMillisecondsDelta = 120_000,
            },
        ],
    };

    [Fact]
    public void Entry_keeps_the_facts_and_the_committing_span_as_parent_context()
    {
        using var committing = new Activity("apply batch").Start();
        committing.TraceStateString = "vendor=1";

        var entry = OutboxEntry.Parse(OutboxEntry.Serialize(Facts.ToPacked(), committing));

        Assert.Equal(JsonSerializer.Serialize(Facts), JsonSerializer.Serialize(entry.Facts.ToUnpacked()));
        Assert.Equal(committing.TraceId, entry.CommittedBy.TraceId);
        Assert.Equal(committing.SpanId, entry.CommittedBy.SpanId);
        Assert.Equal("vendor=1", entry.CommittedBy.TraceState);
        Assert.True(entry.CommittedBy.IsRemote);
    }

    [Fact]
    public void Entry_committed_without_a_trace_has_no_parent()
    {
        var entry = OutboxEntry.Parse(OutboxEntry.Serialize(Facts.ToPacked(), null));

        Assert.Equal(default, entry.CommittedBy);
        Assert.Equal(Facts.BatchId, entry.Facts.BatchId);
    }

    [Fact]
    public void Entry_stores_the_items_packed_not_as_json_objects()
    {
        var stored = OutboxEntry.Serialize(Facts.ToPacked(), null);

        Assert.DoesNotContain("customerId", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToBase64String(StreamActivityPacking.Pack(Facts.Items)), stored);
    }

    [Fact]
    public void Entry_written_with_json_facts_and_a_trace_context_still_reads()
    {
        var older = JsonSerializer.Serialize(new { Facts, TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", TraceState = (string?)null });

        var entry = OutboxEntry.Parse(older);

        Assert.Equal(JsonSerializer.Serialize(Facts), JsonSerializer.Serialize(entry.Facts.ToUnpacked()));
        Assert.Equal("b7ad6b7169203331", entry.CommittedBy.SpanId.ToHexString());
    }

    [Fact]
    public void Entry_written_before_trace_contexts_were_kept_is_the_bare_facts_message()
    {
        var entry = OutboxEntry.Parse(JsonSerializer.Serialize(Facts));

        Assert.Equal(JsonSerializer.Serialize(Facts), JsonSerializer.Serialize(entry.Facts.ToUnpacked()));
        Assert.Equal(default, entry.CommittedBy);
    }
}
