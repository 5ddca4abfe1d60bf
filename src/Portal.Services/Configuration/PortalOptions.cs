namespace Lakeport.Services.Configuration;

/// <summary>The <c>Portal</c> section of appsettings.json.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary><c>Local</c> (embedded engine) or <c>Aws</c>. Kept as text so a typo is reported by the validator with the key's name rather than by the binder.</summary>
    public string Backend { get; set; } = nameof(PortalBackend.Local);

    public LocalOptions Local { get; set; } = new();

    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>The parsed backend; only meaningful after validation.</summary>
    public PortalBackend BackendKind =>
        Enum.TryParse<PortalBackend>(Backend, ignoreCase: true, out var kind) ? kind : PortalBackend.Local;
}

public enum PortalBackend
{
    Local,
    Aws,
}

public sealed class LocalOptions
{
    /// <summary>The data folder: SQLite state, query results, logs, keys and the lake itself under <c>lake/</c>.</summary>
    public string? Root { get; set; }
}

public sealed class BootstrapOptions
{
    /// <summary>Password of the first <c>admin</c>; when empty a random one-time password is written once to the log.</summary>
    public string? AdminPassword { get; set; }

    public string? AdminAccessKeyId { get; set; }

    public string? AdminSecretAccessKey { get; set; }
}
