using System.Globalization;
using System.Text;
using Streaming.Gateway.Queries;

namespace Streaming.Gateway.Channels;

/// <summary>The series of a channel answer as RFC 4180 CSV, in the performance CSV's conventions (see <see cref="PerformanceCsv"/>).</summary>
public static class ChannelCsv
{
    public const string FileName = "channel-metrics.csv";

    public static string Write(ChannelResponse response)
    {
        var csv = new StringBuilder("start,trialStarts,paidConversions,cancellations,activeTrial,activePaid\r\n");
        foreach (var point in response.Series)
        {
            csv.Append(point.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var value in new[] { point.TrialStarts, point.PaidConversions, point.Cancellations, point.ActiveTrial, point.ActivePaid })
            {
                csv.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            }
            csv.Append("\r\n");
        }
        return csv.ToString();
    }
}
