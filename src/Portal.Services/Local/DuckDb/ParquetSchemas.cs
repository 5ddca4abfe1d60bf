namespace Lakeport.Services.Local.DuckDb;

/// <summary>How a reader over several Parquet files settles their schemas.</summary>
public enum ParquetSchemas
{
    /// <summary>
    /// <c>union_by_name</c>: every file's footer is read at bind time, so a file missing a column gives NULLs. Always
    /// right, but it opens every file of a partitioned table even when a partition filter would skip all but one.
    /// </summary>
    Unify,

    /// <summary>
    /// The first file's schema, other files matched by name: Hive pruning then opens only the files the filter keeps.
    /// A file that differs makes DuckDB fail with a message that names <c>union_by_name</c>; the caller then runs again
    /// with <see cref="Unify"/>.
    /// </summary>
    AssumeSame,
}
