using Bunit;
using Lakeport.Portal.Auth;
using Lakeport.Portal.Tests.Components.Jobs.Fakes;
using Lakeport.Portal.Tests.Components.Triggers.Fakes;
using Lakeport.Portal.Ui;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lakeport.Portal.Tests.Components.Triggers;

/// <summary>The trigger pages over an in-memory ITriggers and jobs, a clock standing at <see cref="Now"/> with fast timers, and a signed-in role.</summary>
public sealed class TriggerPageState : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>A Friday.</summary>
    public static readonly DateTimeOffset Now = new(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private TriggerPageState(BunitContext context)
    {
        Context = context;
    }

    public BunitContext Context { get; }

    public FakeTriggers Triggers { get; } = new();

    public FakeJobs Jobs { get; } = new();

    public FakeCrawlerList Crawlers { get; } = new("raw_orders", "curated_orders");

    /// <summary>Where dialogs open, once a page is rendered.</summary>
    public IRenderedComponent<MudDialogProvider>? Dialogs { get; private set; }

    public static TriggerPageState Create(string userName, string role, string backend = "Local")
    {
        TriggerPageState? state = null;
        var context = LayoutTestContext.Create(userName, role, backend, services: services =>
        {
            services.AddSingleton<ITriggers>(_ => state!.Triggers);
            services.AddSingleton<IJobs>(_ => state!.Jobs);
            services.AddSingleton<ICrawlers>(_ => state!.Crawlers);
            services.AddSingleton<TimeProvider>(new FixedFastClock(Now));
            services.AddScoped<CallerAccessor>();
            services.AddScoped<UiActions>();
        });
        state = new TriggerPageState(context);
        return state;
    }

    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Context.Render<MudPopoverProvider>();
        Dialogs = Context.Render<MudDialogProvider>();
        Context.Render<MudSnackbarProvider>();
        return parameters is null ? Context.Render<T>() : Context.Render(parameters);
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
