using Amazon.Runtime;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws;

/// <summary>The portal's services with <c>Portal:Backend=Aws</c> pointed at a test endpoint (moto or a scripted server), over fresh SQLite state.</summary>
public static class AwsBackendState
{
    /// <summary>The Aws-mode settings for <paramref name="endpoint"/>, then <paramref name="overrides"/> on top.</summary>
    public static Dictionary<string, string?> Settings(Uri endpoint, IReadOnlyDictionary<string, string?>? overrides = null) =>
        AwsTestClients.Settings(endpoint, new Dictionary<string, string?> { ["Portal:Aws:Retry:MaxAttempts"] = "2" }.Concat(overrides ?? new Dictionary<string, string?>()));

    /// <param name="services">Registrations after the portal's (and the moto credentials), e.g. a test double.</param>
    public static Task<TestState> CreateAsync(Uri endpoint, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null) =>
        TestState.CreateAsync(Settings(endpoint, overrides), services: s =>
        {
            s.AddSingleton<AWSCredentials>(MotoServer.Credentials);
            services?.Invoke(s);
        });

    public const string GlueRoleArn = AwsTestClients.GlueRoleArn;

    /// <summary>A name unique to one test, valid for Glue and Athena (moto_server is shared by every moto test).</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
