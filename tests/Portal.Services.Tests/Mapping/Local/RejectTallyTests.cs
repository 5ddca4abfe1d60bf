using DuckDB.NET.Data;
using Lakeport.Services.Mapping.Local;

namespace Lakeport.Services.Tests.Mapping.Local;

public sealed class RejectTallyTests
{
    [Fact]
    public async Task Tally_CountsEachColumnsRejects_AndRowsWithAny_AcrossMaskGroups_WithoutDroppingRows()
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var tally = new RejectTally(64);
        tally.Register(connection);
        await using var command = connection.CreateCommand();
        // 100,000 rows over several chunks and both worker threads: column 0 rejects every 10th row, column 5 every 1,000th,
        // column 63 (bit 1 of the second mask) every 100th.
        command.CommandText = """
            SET threads = 2;
            SELECT count(*) FROM (
                SELECT range AS n,
                       ((CASE WHEN range % 10 = 0 THEN 1 ELSE 0 END) + (CASE WHEN range % 1000 = 0 THEN 32 ELSE 0 END))::BIGINT AS m0,
                       (CASE WHEN range % 100 = 0 THEN 2 ELSE 0 END)::BIGINT AS m1
                FROM range(100000)) AS t
            WHERE lakeport_reject_tally(0, t.m0) AND lakeport_reject_tally(1, t.m1)
            """;

        var rows = Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(100_000, rows);
        Assert.Equal(10_000, tally.Columns[0]);
        Assert.Equal(100, tally.Columns[5]);
        Assert.Equal(1_000, tally.Columns[63]);
        Assert.Equal(0, tally.Columns[1]);
        Assert.Equal(11_000, tally.Rows);
    }
}
