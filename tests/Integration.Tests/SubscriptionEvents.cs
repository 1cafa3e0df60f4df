namespace Streaming.Integration.Tests;

/// <summary>Subscription events as a billing system posts them, each with the subscriber's local offset.</summary>
public static class SubscriptionEvents
{
    public static JsonObject Sub(string id, string type, string occurredAt, string customer, string channel = "sports") =>
        WireEvents.Subscription(id, type, occurredAt, customer, channel);

    /// <summary>
    /// Channel "sports", 1–9 March 2026, in each subscriber's local time:
    /// <code>
    /// alice (−08:00) trial 1 Mar 23:30 (07:30Z on 2 Mar: the local day counts), converts 8 Mar 08:00
    /// bob   (+01:00) trial 3 Mar 00:30 (23:30Z on 2 Mar), cancels the trial 5 Mar 10:00
    /// carol (Z)      paid start 3 Mar 12:00 (no trial: not a conversion), cancels 9 Mar 12:00
    /// dave  (Z)      cancels 4 Mar 10:00 with nothing to cancel: rejected, counts nothing
    /// </code>
    /// </summary>
    public static List<JsonObject> March() =>
    [
        Sub("a1", "trial_started", "2026-03-01T23:30:00-08:00", "alice"),
        Sub("a2", "paid_started", "2026-03-08T08:00:00-08:00", "alice"),
        Sub("b1", "trial_started", "2026-03-03T00:30:00+01:00", "bob"),
        Sub("b2", "cancelled", "2026-03-05T10:00:00+01:00", "bob"),
        Sub("c1", "paid_started", "2026-03-03T12:00:00Z", "carol"),
        Sub("c2", "cancelled", "2026-03-09T12:00:00Z", "carol"),
        Sub("d1", "cancelled", "2026-03-04T10:00:00Z", "dave"),
    ];

    public const string MarchQuery = "/v1/metrics/channels/sports?from=2026-03-01&to=2026-03-09";

    /// <summary>What <see cref="March"/> gives for <see cref="MarchQuery"/>, worked out by hand day by day.</summary>
    public const string MarchAnswer = """
        {"channelId":"sports","from":"2026-03-01","to":"2026-03-09","granularity":"day",
         "totals":{"trialStarts":2,"paidConversions":1,"cancellations":2,"trialCancellations":1,"paidCancellations":1,"conversionRate":0.5},
         "series":[
          {"start":"2026-03-01","trialStarts":1,"paidConversions":0,"cancellations":0,"activeTrial":1,"activePaid":0},
          {"start":"2026-03-02","trialStarts":0,"paidConversions":0,"cancellations":0,"activeTrial":1,"activePaid":0},
          {"start":"2026-03-03","trialStarts":1,"paidConversions":0,"cancellations":0,"activeTrial":2,"activePaid":1},
          {"start":"2026-03-04","trialStarts":0,"paidConversions":0,"cancellations":0,"activeTrial":2,"activePaid":1},
          {"start":"2026-03-05","trialStarts":0,"paidConversions":0,"cancellations":1,"activeTrial":1,"activePaid":1},
          {"start":"2026-03-06","trialStarts":0,"paidConversions":0,"cancellations":0,"activeTrial":1,"activePaid":1},
          {"start":"2026-03-07","trialStarts":0,"paidConversions":0,"cancellations":0,"activeTrial":1,"activePaid":1},
          {"start":"2026-03-08","trialStarts":0,"paidConversions":1,"cancellations":0,"activeTrial":0,"activePaid":2},
          {"start":"2026-03-09","trialStarts":0,"paidConversions":0,"cancellations":1,"activeTrial":0,"activePaid":1}],
         "current":{"activeTrial":0,"activePaid":1},
         "previousPeriod":{"trialStarts":0,"paidConversions":0,"cancellations":0,"trialCancellations":0,"paidCancellations":0,"conversionRate":null}}
        """;
}
