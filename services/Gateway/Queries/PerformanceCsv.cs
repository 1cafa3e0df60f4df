using System.Globalization;
using System.Text;

namespace Streaming.Gateway.Queries;

/// <summary>
/// The series of an answer as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma,
/// quote, CR or LF. One row per bucket, or per group and bucket (groups in key order) when the answer is grouped.
/// </summary>
public static class PerformanceCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string FileName = "performance.csv";

    public static string Write(PerformanceResponse response)
    {
        var csv = new StringBuilder();
        if (response.Groups is null)
        {
            csv.Append("start,minutesStreamed,uniqueStreams\r\n");
            foreach (var point in response.Series)
            {
                AppendPoint(csv, point);
            }
        }
        else
        {
            csv.Append("group,start,minutesStreamed,uniqueStreams\r\n");
            foreach (var group in response.Groups)
            {
                foreach (var point in group.Series)
                {
                    csv.Append(Field(group.Key)).Append(',');
                    AppendPoint(csv, point);
                }
            }
        }
        return csv.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static void AppendPoint(StringBuilder csv, PerformancePoint point) =>
        csv.Append(InstantText.Iso(point.Start)).Append(',')
            .Append(point.MinutesStreamed.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
            .Append(point.UniqueStreams.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
}
