using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Lakeport.Services.Local.DuckDb;
using Lakeport.Services.Query.Local;

namespace Lakeport.Services.Tests.Query;

/// <summary>
/// Results copied out of DuckDB's chunks (<see cref="ChunkCells"/>) are the same file, byte for byte, as the
/// DuckDB.NET reader's (<see cref="ResultCells"/>), and cost no allocation per row.
/// </summary>
public sealed class ChunkCellsTests : IDisposable
{
    // 5,000 rows: three chunks of 2,048, so vectors and validity masks are read at more than one offset.
    private const string EveryPlainType = """
        SELECT i % 2 = 0 AS b, (i % 256 - 128)::TINYINT AS t, (i * 7 - 16000)::SMALLINT AS s, i * 1000003 - 2000000000 AS n,
               CASE i % 3 WHEN 0 THEN 9223372036854775807 WHEN 1 THEN -9223372036854775808 ELSE i END AS l,
               (i % 256)::UTINYINT AS ut, (i * 13)::USMALLINT AS us, (i * 858993)::UINTEGER AS ui, 18446744073709551615 - i::UBIGINT AS ul,
               CASE i % 5 WHEN 0 THEN 'NaN'::FLOAT WHEN 1 THEN '-inf'::FLOAT ELSE i / 10 END::FLOAT AS f,
               CASE i % 6 WHEN 0 THEN '-0'::DOUBLE WHEN 1 THEN 1e300 WHEN 2 THEN 'inf' ELSE i / 3 END::DOUBLE AS d,
               CASE i % 7 WHEN 0 THEN '' WHEN 1 THEN 'exactly12byt' WHEN 2 THEN 'thirteen byte' WHEN 3 THEN 'say "hi", then' || chr(10) || 'go'
                   WHEN 4 THEN 'ünïcödé 数据 🦆' ELSE repeat('x', i % 40) END AS v,
               DATE '1969-12-31' + ((i - 2500) * 17)::INTEGER AS day,
               TIMESTAMP '1969-12-31 23:59:59.999999' + (i - 2500) * INTERVAL 77777777 MICROSECOND AS ts,
               ((i - 2500) / 100)::DECIMAL(4,2) AS d4, ((i - 2500) * 12345 / 1000)::DECIMAL(9,3) AS d9,
               CASE i % 4 WHEN 0 THEN 999999999999.999999 WHEN 1 THEN -0.01 ELSE (i - 2500) * 1234.567891 END::DECIMAL(18,6) AS d18,
               (i - 2500)::DECIMAL(10,0) AS d10
        FROM range(5000) r(i)
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lakeport-chunks-" + Guid.NewGuid().ToString("N"));
    private readonly DuckDBConnection _duck = new("DataSource=:memory:");

    public ChunkCellsTests()
    {
        Directory.CreateDirectory(_folder);
        _duck.Open();
    }

    [Fact]
    public async Task EveryPlainType_WithNulls_IsWrittenByteForByteAsTheReaderWritesIt()
    {
        var plain = await WriteBothWaysAsync(EveryPlainType);
        var withNulls = await WriteBothWaysAsync(WithNulls());

        Assert.True(plain.Chunked, "The plain types went through DuckDB.NET's reader instead of the chunks.");
        Assert.Equal(plain.Reader, plain.Chunks);
        Assert.Contains("\"thirteen byte\"", plain.Chunks, StringComparison.Ordinal);
        Assert.Contains("\"say \"\"hi\"\", then\ngo\"", plain.Chunks, StringComparison.Ordinal);
        Assert.Contains("\"ünïcödé 数据 🦆\"", plain.Chunks, StringComparison.Ordinal);
        Assert.True(withNulls.Chunked);
        Assert.Equal(withNulls.Reader, withNulls.Chunks);
        Assert.Contains(",,", withNulls.Chunks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfiniteDatesAndTimestamps_AreWrittenAsDuckDbNamesThem()
    {
        var text = await WriteChunkedAsync("SELECT 'infinity'::DATE AS a, '-infinity'::DATE AS b, 'infinity'::TIMESTAMP AS c, '-infinity'::TIMESTAMP AS d");

        Assert.Equal("\"a\",\"b\",\"c\",\"d\"\n\"infinity\",\"-infinity\",\"infinity\",\"-infinity\"\n", text);
    }

    [Fact]
    public async Task ATimestampPastYear9999_FailsTheResultWithTheColumnNamed()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WriteChunkedAsync("SELECT TIMESTAMP '12000-01-01 00:00:00' AS far"));

        Assert.Contains("column far", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task NestedAndOtherTypes_AreWrittenByteForByteAsTheReaderWritesThem()
    {
        const string sql = """
            SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE [i, i + 1] END AS ints,
                   ['a', CASE WHEN i % 3 = 0 THEN NULL ELSE 'b"' || i END, ''] AS texts,
                   [[i / 2, 2.25], [], NULL]::DOUBLE[][] AS nested_lists,
                   {'x': i, 'y': 'z' || i, 'n': {'m': [i % 2 = 0]}, 'gone': NULL::VARCHAR} AS fields,
                   [{'a': i}, NULL] AS list_of_structs,
                   [DATE '2024-01-02' + i::INTEGER] AS dates, [TIMESTAMP '2024-01-02 03:04:05.678' + i * INTERVAL 1 SECOND] AS stamps,
                   ('\x01\xAB' || printf('\x%02X', (i % 256)::INTEGER))::BLOB AS bytes, ['\x02'::BLOB] AS list_of_bytes,
                   ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID AS id, 'ffffffff-ffff-4fff-8fff-fffffffffffe'::UUID AS high_id,
                   [i::HUGEINT] AS huge_list, ((i - 1500)::HUGEINT * 17014118346046923173168730371588410)::HUGEINT AS huge,
                   TIME '01:02:03.456' + i * INTERVAL 1 SECOND AS time_of_day,
                   TIMESTAMPTZ '2024-01-02 03:04:05+00' + i * INTERVAL 1 MINUTE AS zoned,
                   [1, i]::INTEGER[2] AS fixed, [((i - 1500) / 37)::DECIMAL(4,2)] AS decimals, [1.5::FLOAT, 'NaN'::FLOAT] AS floats
            FROM range(3000) r(i)
            """;

        var both = await WriteBothWaysAsync(sql);

        Assert.True(both.Chunked, "The nested types went through DuckDB.NET's reader instead of the chunks.");
        Assert.Equal(both.Reader, both.Chunks);
        Assert.Contains("\"{x=1, y=z1, n={m=[false]}, gone=null}\"", both.Chunks, StringComparison.Ordinal);
        Assert.Contains("\"[a, b\"\"1, ]\"", both.Chunks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValuesTheReaderCannotRead_AreWrittenAsAthenaWritesThem()
    {
        var text = await WriteChunkedAsync("""
            SELECT [1, NULL, 3] AS with_null, MAP {'k1': 1.50::DECIMAL(5,2), 'k2': NULL} AS map_with_null,
                   1.5::DECIMAL(38,10) AS wide, [-0.25::DECIMAL(38,2)] AS wide_list,
                   [TIMESTAMPTZ '2024-01-02 03:04:05+00'] AS zoned_list
            """);

        Assert.Equal("""
            "with_null","map_with_null","wide","wide_list","zoned_list"
            "[1, null, 3]","{k1=1.50, k2=null}","1.5000000000","[-0.25]","[2024-01-02 03:04:05.000 UTC]"

            """.ReplaceLineEndings("\n"), text);
    }

    [Theory]
    [InlineData("SELECT INTERVAL 1 DAY AS x")]
    [InlineData("SELECT '101'::BITSTRING AS x")]
    [InlineData("SELECT [INTERVAL 1 DAY] AS x")]
    [InlineData("SELECT 1 AS plain, INTERVAL 1 DAY AS other")]
    public async Task AColumnOnlyTheReaderKnows_LeavesTheWholeResultToIt(string sql)
    {
        var both = await WriteBothWaysAsync(sql);

        Assert.False(both.Chunked);
    }

    [Fact]
    public void AFailureMidStream_IsDuckDbsErrorAfterTheRowsBeforeIt()
    {
        // One thread, so the rows come in order and the bad one is well past the first chunks.
        using var duck = new DuckDBConnection("DataSource=:memory:;threads=1");
        duck.Open();
        var rows = 0L;
        var error = Assert.Throws<DuckDbStatementException>(() => DuckDbChunks.Read(duck,
            "SELECT CAST(CASE WHEN i < 900000 THEN '1' ELSE 'x' END AS INTEGER) AS n FROM range(1000000) r(i)",
            _ => chunk => rows += (long)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk), TestContext.Current.CancellationToken));

        Assert.StartsWith("Conversion Error", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDBErrorType.Conversion, error.ErrorType);
        Assert.True(rows >= 2048, $"Only {rows} rows came before the failure.");
    }

    [Fact]
    public void AStatementThatDoesNotPrepare_RunsNothingAndIsLeftToTheReader()
    {
        var opened = false;

        Assert.False(DuckDbChunks.Read(_duck, "SELECT nope FROM range(3)", _ => { opened = true; return null; }, TestContext.Current.CancellationToken));
        Assert.False(opened);
    }

    [Fact]
    public void ChunkedRows_AllocateNothingPerRow_WhereTheReaderAllocatesAStringPerTextCell()
    {
        const string sql = "SELECT i AS id, 'customer number ' || i AS name, i / 7 AS amount, ['NL', 'DE', 'FR'][1 + i % 3] AS country FROM range(200000) r(i)";
        var chunked = Allocated(() =>
        {
            var rows = new StreamedRows(Path.Combine(_folder, "chunks.csv"), null);
            Assert.True(DuckDbChunks.Read(_duck, sql, rows.OpenChunks, TestContext.Current.CancellationToken));
            rows.Writer!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        var read = Allocated(() =>
        {
            var rows = new StreamedRows(Path.Combine(_folder, "reader.csv"), null);
            using (var command = _duck.CreateCommand())
            {
                command.CommandText = sql;
                command.UseStreamingMode = true;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rows.Write(reader);
                }
            }

            rows.Writer!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });

        // The writer's buffers, one handle per 2,048-row chunk and the statement: well under a byte a row.
        Assert.True(chunked < 200_000, $"Copying 200,000 rows out of the chunks allocated {chunked:N0} bytes.");
        Assert.True(read > 10 * chunked, $"The reader allocated {read:N0} bytes against {chunked:N0}: the comparison no longer shows what it should.");
    }

    public void Dispose()
    {
        _duck.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>The plain-type query with every third cell NULL, at a different row in each column.</summary>
    private static string WithNulls()
    {
        var names = new[] { "b", "t", "s", "n", "l", "ut", "us", "ui", "ul", "f", "d", "v", "day", "ts", "d4", "d9", "d18", "d10" };
        var cells = names.Select((name, c) => $"CASE WHEN (i + {c}) % 3 = 0 THEN NULL ELSE {name} END AS {name}_or_null");
        return $"SELECT {string.Join(", ", cells)} FROM ({EveryPlainType.Replace("FROM range(5000) r(i)", ", i FROM range(5000) r(i)", StringComparison.Ordinal)})";
    }

    private async Task<string> WriteChunkedAsync(string sql)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        var rows = new StreamedRows(path, null);
        try
        {
            Assert.True(await DuckDbChunks.ReadAsync(_duck, sql, rows.OpenChunks, TestContext.Current.CancellationToken));
            await rows.Writer!.CompleteAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            if (rows.Writer is not null)
            {
                await rows.Writer.DisposeAsync();
            }
        }

        return await File.ReadAllTextAsync(path);
    }

    /// <summary>Writes the result through the chunks (when they take it) and through DuckDB.NET's reader; both files' text, index included.</summary>
    private async Task<(bool Chunked, string Chunks, string Reader)> WriteBothWaysAsync(string sql)
    {
        var chunkPath = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        var chunkRows = new StreamedRows(chunkPath, null);
        var chunked = await DuckDbChunks.ReadAsync(_duck, sql, chunkRows.OpenChunks, TestContext.Current.CancellationToken);
        var chunkText = "";
        if (chunked)
        {
            await chunkRows.Writer!.CompleteAsync(TestContext.Current.CancellationToken);
            await chunkRows.Writer.DisposeAsync();
            chunkText = await File.ReadAllTextAsync(chunkPath) + Convert.ToHexString(await File.ReadAllBytesAsync(ResultFileWriter.IndexPath(chunkPath)));
        }

        var readerPath = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        var readerRows = new StreamedRows(readerPath, null);
        await DuckDbSandbox.ReadAsync(_duck, sql, readerRows.Write, TestContext.Current.CancellationToken);
        await readerRows.Writer!.CompleteAsync(TestContext.Current.CancellationToken);
        await readerRows.Writer.DisposeAsync();
        var readerText = await File.ReadAllTextAsync(readerPath) + Convert.ToHexString(await File.ReadAllBytesAsync(ResultFileWriter.IndexPath(readerPath)));
        return (chunked, chunkText, readerText);
    }
}
