using System.Text;
using System.Text.Unicode;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>
/// "Sniff once per schema group" for CSV: files that start with the same header line as a file the built-in chain
/// classified as CSV are checked against that file's result in one pass over their bytes, without decoding them or
/// running the classifiers before CSV. The check answers only what the full chain would answer for the file itself
/// (same delimiter, header, column types, record count); anything it cannot prove is left to the full chain.
/// </summary>
internal sealed class CsvGroup
{
    private static readonly byte[] Delimiters = [.. CsvClassifier.Delimiters.Select(d => (byte)d)];

    private readonly byte[] _headerLine;
    private readonly byte _delimiter;
    private readonly ScalarKind[] _kinds;
    private readonly ClassificationResult _result;

    private CsvGroup(byte[] headerLine, byte delimiter, ScalarKind[] kinds, ClassificationResult result)
    {
        _headerLine = headerLine;
        _delimiter = delimiter;
        _kinds = kinds;
        _result = result;
    }

    /// <summary>
    /// A group from a file the built-in CSV classifier answered for, when its header line alone settles what the
    /// classifiers before CSV answer (not Avro/Parquet magic, not JSON, not XML, no Apache log line) and which
    /// delimiter wins; null otherwise. Quoted files are never grouped (their fields need the full parser).
    /// </summary>
    public static CsvGroup? TryCreate(FileSample sample, ClassificationResult result, IReadOnlyList<Grok.GrokClassifier> logFormats)
    {
        var head = sample.Head.Span;
        var newline = head.IndexOf((byte)'\n');
        if (result.Classification != "csv" || newline < 0
            || result.Parameters.GetValueOrDefault("areColumnsQuoted") != "false"
            || result.Parameters.GetValueOrDefault("skip.header.line.count") != "1"
            || result.Parameters.GetValueOrDefault("delimiter") is not [var delimiterChar] || delimiterChar >= 0x80
            || !result.Columns.Any(c => c.Type != "string"))
        {
            return null;
        }

        var headerLine = head[..(newline + 1)];
        var line = WithoutBom(headerLine[..newline]);
        line = line.EndsWith((byte)'\r') ? line[..^1] : line;
        var delimiter = (byte)delimiterChar;
        var earlier = Delimiters.AsSpan(0, Delimiters.AsSpan().IndexOf(delimiter));
        if (line.IsEmpty || line.IndexOfAny((byte)'\r', (byte)'"') >= 0 || line.IndexOfAny(earlier) >= 0
            || line.Count(delimiter) + 1 != result.Columns.Count
            || !JsonLines.CannotBeJson(headerLine) || FirstNonWhiteSpace(line) == '<' || !Utf8.IsValid(line))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(line);
        if (logFormats.Any(f => f.MatchesOrTimesOut(text)))
        {
            return null;
        }

        var kinds = result.Columns.Select(c => c.Type switch
        {
            "bigint" => ScalarKind.Bigint,
            "double" => ScalarKind.Double,
            "boolean" => ScalarKind.Boolean,
            _ => ScalarKind.String,
        }).ToArray();
        return new CsvGroup(headerLine.ToArray(), delimiter, kinds, result);
    }

    /// <summary>True when the sample begins with this group's header line (at most one group can).</summary>
    public bool Owns(ReadOnlySpan<byte> head) => head.StartsWith(_headerLine);

    /// <summary>The group's result with the file's own record count, or null when the file is not provably the same.</summary>
    public ClassificationResult? TryClassify(FileSample sample)
    {
        var head = sample.Head.Span;
        // Exactly the samples TextSample.TryDecode turns into the same text without replacement characters.
        if (head.StartsWith(ParquetMagic) || head.StartsWith(AvroMagic) || !Utf8.IsValid(head)
            || head.IndexOfAny((byte)0, (byte)'"') >= 0 || head.IndexOf("\uFFFD"u8) >= 0)
        {
            return null;
        }

        var rest = head[_headerLine.Length..];
        if (sample.IsTruncated)
        {
            // The record the sample cut is dropped, as the parser drops it.
            var end = rest.LastIndexOfAny((byte)'\r', (byte)'\n');
            rest = end < 0 ? [] : rest[..(end + 1)];
        }

        Span<ScalarKind> seen = stackalloc ScalarKind[_kinds.Length];
        var records = 0;
        while (!rest.IsEmpty && records < CsvClassifier.MaxRecords - 1)
        {
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (!TypeRecord(line, seen))
            {
                return null;
            }

            records++;
        }

        if (records < 2)
        {
            return null;
        }

        for (var c = 0; c < _kinds.Length; c++)
        {
            if (ScalarTypes.HiveType(seen[c]) != ScalarTypes.HiveType(_kinds[c]))
            {
                return null;
            }
        }

        return _result with { SampledRecords = records };
    }

    /// <summary>Merges one record's cells into the column kinds; false when its width or a cell's kind disproves the group.</summary>
    private bool TypeRecord(ReadOnlySpan<byte> line, Span<ScalarKind> seen)
    {
        for (var c = 0; c < _kinds.Length; c++)
        {
            var end = line.IndexOf(_delimiter);
            if ((end < 0) != (c == _kinds.Length - 1))
            {
                return false;
            }

            var cell = end < 0 ? line : line[..end];
            line = end < 0 ? [] : line[(end + 1)..];
            // String absorbs every kind: a string column needs no more typing once it is one (as the classifier stops).
            if (seen[c] == ScalarKind.String)
            {
                continue;
            }

            seen[c] = ScalarTypes.Merge(seen[c], Kind(cell));
            if (seen[c] == ScalarKind.String && _kinds[c] != ScalarKind.String)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="ScalarTypes.Infer(ReadOnlySpan{char})"/> of a UTF-8 cell; the common ASCII shapes without decoding.</summary>
    internal static ScalarKind Kind(ReadOnlySpan<byte> cell)
    {
        if (cell.IsEmpty)
        {
            return ScalarKind.Empty;
        }

        if (PlainNumber(cell) is { } number)
        {
            return number;
        }

        if (cell.SequenceEqual("true"u8) || cell.SequenceEqual("false"u8))
        {
            return ScalarKind.Boolean;
        }

        if (char.IsAsciiLetter((char)cell[0]) && cell[0] is not ((byte)'t' or (byte)'T' or (byte)'f' or (byte)'F'))
        {
            return ScalarKind.String;
        }

        Span<char> buffer = stackalloc char[256];
        var chars = cell.Length <= buffer.Length ? buffer : new char[cell.Length];
        var length = Encoding.UTF8.GetChars(cell, chars);
        return ScalarTypes.Infer(chars[..length]);
    }

    /// <summary>The plain shapes ScalarTypes types without parsers: a sign, up to 18 digits, or digits around one point.</summary>
    private static ScalarKind? PlainNumber(ReadOnlySpan<byte> cell)
    {
        var i = cell[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        var start = i;
        while (i < cell.Length && char.IsAsciiDigit((char)cell[i]))
        {
            i++;
        }

        var before = i - start;
        if (i == cell.Length)
        {
            return before is > 0 and <= 18 ? ScalarKind.Bigint : null;
        }

        if (cell[i] != '.')
        {
            return null;
        }

        var point = ++i;
        while (i < cell.Length && char.IsAsciiDigit((char)cell[i]))
        {
            i++;
        }

        return i == cell.Length && before + (i - point) > 0 ? ScalarKind.Double : null;
    }

    private static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    private static ReadOnlySpan<byte> AvroMagic => "Obj\u0001"u8;

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    private static int FirstNonWhiteSpace(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!char.IsWhiteSpace((char)b))
            {
                return b;
            }
        }

        return -1;
    }
}
