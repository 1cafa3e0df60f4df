using CsvHelper;
using Streaming.Gateway.Csv;

namespace Streaming.Gateway.Queries;

/// <summary>
/// The series of an answer as CSV (<see cref="CsvExport"/>): a header row, then one row per bucket, or per group and
/// bucket (groups in key order) when the answer is grouped. Minutes have two decimals.
/// </summary>
public static class PerformanceCsv
{
    public const string FileName = "performance.csv";

    public static string Write(PerformanceResponse response) => CsvExport.Text(csv =>
    {
        if (response.Groups is null)
        {
            csv.WriteHeader(["start", "minutesStreamed", "uniqueStreams"]);
            foreach (var point in response.Series)
            {
                WritePoint(csv, point);
            }
            return;
        }
        csv.WriteHeader(["group", "start", "minutesStreamed", "uniqueStreams"]);
        foreach (var group in response.Groups)
        {
            foreach (var point in group.Series)
            {
                csv.WriteField(group.Key);
                WritePoint(csv, point);
            }
        }
    });

    private static void WritePoint(CsvWriter csv, PerformancePoint point)
    {
        csv.WriteField(InstantText.Iso(point.Start));
        csv.WriteField(point.MinutesStreamed, "0.00");
        csv.WriteField(point.UniqueStreams, "");
        csv.EndRecord();
    }
}
