using Streaming.Gateway.Csv;

namespace Streaming.Gateway.Tests.Aggregation;

/// <summary>
/// The one CSV writer: a text cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) becomes
/// quoted text behind an apostrophe; a number is written as a number, a negative one included, because it is not text a
/// spreadsheet could run.
/// </summary>
public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a=1", "a=1")]
    [InlineData("plain", "plain")]
    public void Formula_like_text_is_defused_and_other_text_left_alone(string text, string cell)
    {
        Assert.Equal($"{cell}\r\n", CsvExport.Text(csv =>
        {
            csv.WriteField(text);
            csv.EndRecord();
        }));
    }

    [Fact]
    public void Negative_numbers_stay_numbers()
    {
        Assert.Equal("-5,-1.50,-0.25\r\n", CsvExport.Text(csv =>
        {
            csv.WriteField(-5L, "");
            csv.WriteField(-1.5m, "0.00");
            csv.WriteField(-0.25m, "");
            csv.EndRecord();
        }));
    }
}
