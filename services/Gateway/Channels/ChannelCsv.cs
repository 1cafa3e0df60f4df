using Streaming.Gateway.Csv;

namespace Streaming.Gateway.Channels;

/// <summary>The series of a channel answer as CSV (<see cref="CsvExport"/>): a header row, then one row per bucket.</summary>
public static class ChannelCsv
{
    public const string FileName = "channel-metrics.csv";

    public static string Write(ChannelResponse response) => CsvExport.Text(csv =>
    {
        csv.WriteHeader(["start", "trialStarts", "paidConversions", "cancellations", "activeTrial", "activePaid"]);
        foreach (var point in response.Series)
        {
            csv.WriteField(point.Start, "yyyy-MM-dd");
            foreach (var value in (ReadOnlySpan<long>)[point.TrialStarts, point.PaidConversions, point.Cancellations, point.ActiveTrial, point.ActivePaid])
            {
                csv.WriteField(value, "");
            }
            csv.EndRecord();
        }
    });
}
