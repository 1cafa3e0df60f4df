using Streaming.Gateway.Csv;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// The earnings report as CSV for spreadsheets (<see cref="CsvExport"/>): UTF-8 with a byte order mark, a header row,
/// then one row per report row. Empty fields mean "not applicable".
/// </summary>
public static class EarningsCsv
{
    public const string ContentType = CsvExport.ContentType + "; header=present";

    public const string Header =
        "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency";

    public static string FileName(string month) => $"earnings-{month}.csv";

    public static byte[] Write(IEnumerable<EarningsRow> rows) => CsvExport.Utf8WithByteOrderMark(csv =>
    {
        csv.WriteHeader(Header.Split(','));
        foreach (var row in rows)
        {
            csv.WriteField(row.Month);
            csv.WriteField(row.Territory);
            csv.WriteField(row.UnitId);
            csv.WriteField(row.Offer);
            csv.WriteField(row.UniqueStreams, "");
            csv.WriteField(row.HoursStreamed, "");
            csv.WriteField(row.Cer, "");
            csv.WriteField(row.EstimatedRoyalty, "");
            csv.WriteField(row.Currency);
            csv.EndRecord();
        }
    });
}
