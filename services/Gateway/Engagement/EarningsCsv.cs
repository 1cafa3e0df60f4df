using System.Globalization;
using System.Text;

namespace Streaming.Gateway.Engagement;

/// <summary>
/// The earnings report as RFC 4180 CSV for spreadsheets: UTF-8 with a byte order mark (without it Excel reads the
/// file in the machine's legacy code page), a header row, CRLF line ends, fields quoted only when they hold a comma,
/// quote, CR or LF (quotes doubled). Empty fields mean "not applicable". A title or season id that a spreadsheet
/// would run as a formula (starting with = + - @, tab or CR) is prefixed with an apostrophe (OWASP CSV injection).
/// </summary>
public static class EarningsCsv
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    public const string Header =
        "Month,Territory,Title or Season,Offer,Unique Streams,Duration Streamed (hours),Customer Engagement Ranking (CER),Estimated Royalty,Currency";

    public static string FileName(string month) => $"earnings-{month}.csv";

    public static byte[] Write(IEnumerable<EarningsRow> rows)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(Field(row.Month)).Append(',')
                .Append(Field(row.Territory)).Append(',')
                .Append(Field(Defuse(row.UnitId))).Append(',')
                .Append(Field(row.Offer)).Append(',')
                .Append(row.UniqueStreams.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.HoursStreamed.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Cer?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.EstimatedRoyalty?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.Currency ?? "")).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Defuse(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
