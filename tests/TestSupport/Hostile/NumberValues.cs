using FsCheck;
using FsCheck.Fluent;

namespace Streaming.TestSupport.Hostile;

/// <summary>Values of positionSeconds: optional, a finite JSON number of at least zero.</summary>
public static class NumberValues
{
    public static readonly Gen<FieldValue> Valid = Gen.Elements(
        FieldValue.Missing, FieldValue.Null, new FieldValue("0", Verdict.Valid, 0d), new FieldValue("-0", Verdict.Valid, -0d),
        new FieldValue("12.5", Verdict.Valid, 12.5), new FieldValue("1e308", Verdict.Valid, 1e308),
        new FieldValue("1e-400", Verdict.Valid, 0d), new FieldValue("123456789", Verdict.Valid, 123456789d),
        new FieldValue("1E+2", Verdict.Valid, 100d), new FieldValue("0.000001", Verdict.Valid, 0.000001));

    public static readonly Gen<FieldValue> Hostile = Gen.Elements(
        FieldValue.Wrong("-1"), FieldValue.Wrong("-1e-300"), FieldValue.Wrong("1e400"), FieldValue.Wrong("-1e400"),
        FieldValue.Wrong("\"12\""), FieldValue.Wrong("\"NaN\""), FieldValue.Wrong("\"Infinity\""), FieldValue.Wrong("\"-Infinity\""),
        FieldValue.Wrong("true"), FieldValue.Wrong("[]"), FieldValue.Wrong("{}"), FieldValue.Wrong("\"\""), FieldValue.Wrong("[0]"));
}
