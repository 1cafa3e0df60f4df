using System.Globalization;
using CsvHelper;

namespace Streaming.Gateway.Csv;

/// <summary>
/// The one CSV writer of every download: RFC 4180 (a CRLF after each record, a field quoted only when it holds a
/// comma, quote, CR or LF, quotes doubled), numbers and dates in the invariant culture, and every text cell that a
/// spreadsheet would run as a formula (starting with = + - @, tab or CR) prefixed with an apostrophe and quoted
/// (OWASP CSV injection). Numbers are not text, so a negative count stays a number.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The records that <paramref name="write"/> writes, as text.</summary>
    public static string Text(Action<CsvWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            write(csv);
        }
        return text.ToString();
    }

    /// <summary>
    /// The records that <paramref name="write"/> writes, as UTF-8 with a byte order mark: without it Excel reads the
    /// file in the machine's legacy code page.
    /// </summary>
    public static byte[] Utf8WithByteOrderMark(Action<CsvWriter> write)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, Options with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            write(csv);
        }
        return bytes.ToArray();
    }
}
