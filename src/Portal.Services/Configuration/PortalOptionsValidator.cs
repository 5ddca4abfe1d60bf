using Microsoft.Extensions.Options;

namespace Lakeport.Services.Configuration;

/// <summary>Rules across fields of <see cref="PortalOptions"/>; every message starts with the key it is about.</summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();

        // Backend=Aws is checked further by AwsOptionsValidator (the Portal:Aws section).
        if (!Enum.TryParse<PortalBackend>(options.Backend, ignoreCase: true, out _) || int.TryParse(options.Backend, out _))
        {
            failures.Add($"Portal:Backend must be 'Local' or 'Aws' but is '{options.Backend}'.");
        }

        // Both backends keep the portal's own state (SQLite, Data Protection keys) in the data folder.
        var problem = ProbeWritable(DataFolder.Resolve(options.Local.Root).Root);
        if (problem is not null)
        {
            failures.Add($"Portal:Local:Root: {problem}");
        }

        var bootstrap = options.Bootstrap;
        var hasKeyId = !string.IsNullOrEmpty(bootstrap.AdminAccessKeyId);
        var hasSecret = !string.IsNullOrEmpty(bootstrap.AdminSecretAccessKey);
        if (hasKeyId != hasSecret)
        {
            failures.Add("Portal:Bootstrap:AdminAccessKeyId and Portal:Bootstrap:AdminSecretAccessKey must be set together.");
        }
        else if (hasKeyId)
        {
            if (!Security.AccessKeyFormat.IsValidKeyId(bootstrap.AdminAccessKeyId!))
            {
                failures.Add($"Portal:Bootstrap:AdminAccessKeyId must be {Security.AccessKeyFormat.KeyIdRule}.");
            }

            if (!Security.AccessKeyFormat.IsValidSecret(bootstrap.AdminSecretAccessKey!))
            {
                failures.Add($"Portal:Bootstrap:AdminSecretAccessKey must be {Security.AccessKeyFormat.SecretRule}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Creates the folder and writes a probe file: permissions alone do not tell (root ignores them, read-only mounts do not show).</summary>
    private static string? ProbeWritable(string root)
    {
        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"the data folder '{root}' is not writable ({ex.Message}).";
        }
    }
}
