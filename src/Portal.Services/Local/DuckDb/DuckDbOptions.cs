using System.ComponentModel.DataAnnotations;

namespace Lakeport.Services.Local.DuckDb;

/// <summary><c>Portal:DuckDb</c>: limits of each in-memory DuckDB the portal opens (the machine is shared with the web app).</summary>
public sealed class DuckDbOptions
{
    public const string SectionName = "Portal:DuckDb";

    [Range(64, 1_048_576)]
    public int MemoryLimitMb { get; set; } = 1024;

    [Range(1, 256)]
    public int Threads { get; set; } = 2;

    /// <summary>Instances kept open ahead of need (<see cref="DuckDbWarmPool"/>); 0 opens each one on demand.</summary>
    [Range(0, 8)]
    public int WarmInstances { get; set; } = 1;
}
