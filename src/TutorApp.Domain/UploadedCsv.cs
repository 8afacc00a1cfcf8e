using CsvHelper;

namespace TutorApp.Domain;

/// <summary>
/// How the app reads an uploaded CSV file (problem banks, rosters): comma-separated with a header and line numbers,
/// and a record with broken quoting or the wrong number of fields is left out and reported, like a bad JSON line,
/// instead of ending the read.
/// </summary>
internal static class UploadedCsv
{
    /// <param name="onMalformedRecord">Called with the record's line and the reason in words.</param>
    public static CsvReaderOptions Options(Action<int, string> onMalformedRecord) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        OnMalformedRecord = malformed => onMalformedRecord((int)malformed.LineNumber, malformed.Reason switch
        {
            CsvMalformedReason.FieldCountMismatch => "the number of fields differs from the header",
            CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
            _ => $"malformed CSV ({malformed.Reason})",
        }),
    };
}
