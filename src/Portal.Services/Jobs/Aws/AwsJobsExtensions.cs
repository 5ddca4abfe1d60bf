using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Jobs.Aws;

public static class AwsJobsExtensions
{
    /// <summary>
    /// Jobs and runs on AWS Glue, registered after (and so instead of) the Local <see cref="IJobs"/>. Needs the Aws
    /// clients and S3 (AddAwsBackend), and the mappings and script generator every backend shares.
    /// </summary>
    public static IServiceCollection AddAwsJobs(this IServiceCollection services)
    {
        services.AddSingleton<GlueJobScripts>();
        services.AddSingleton<IJobs, GlueJobs>();
        return services;
    }
}
