using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Portal.Ui;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Jobs;

/// <summary>
/// The job pages over in-memory jobs, mappings, metrics and logs (their Local implementations are built in parallel),
/// a clock whose timers run fast, and a bUnit context signed in with a given role.
/// </summary>
public sealed class JobPageState : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private JobPageState(BunitContext context)
    {
        Context = context;
    }

    public BunitContext Context { get; }

    public FakeJobs Jobs { get; } = new();

    public FakeMappings Mappings { get; } = new();

    public FakeMetrics Metrics { get; } = new();

    public FakeLogs Logs { get; } = new();

    public static JobPageState Create(string userName, string role)
    {
        JobPageState? state = null;
        var context = LayoutTestContext.Create(userName, role, services: services =>
        {
            services.AddSingleton<IJobs>(_ => state!.Jobs);
            services.AddSingleton<IMappings>(_ => state!.Mappings);
            services.AddSingleton<IMetrics>(_ => state!.Metrics);
            services.AddSingleton<ILogs>(_ => state!.Logs);
            services.AddSingleton<TimeProvider>(new FastClock());
            services.AddScoped<CallerAccessor>();
            services.AddScoped<UiActions>();
        });
        state = new JobPageState(context);
        return state;
    }

    /// <summary>Renders the providers dialogs and selects need, then the page.</summary>
    public (IRenderedComponent<T> Page, IRenderedComponent<MudDialogProvider> Dialogs) Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Context.Render<MudPopoverProvider>();
        var dialogs = Context.Render<MudDialogProvider>();
        Context.Render<MudSnackbarProvider>();
        var page = parameters is null ? Context.Render<T>() : Context.Render(parameters);
        return (page, dialogs);
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
