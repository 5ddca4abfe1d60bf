using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Common;
using Lakeport.Services.Scheduling;

namespace Lakeport.Portal.AwsApi.Glue;

/// <summary>Glue's trigger operations over <see cref="ITriggers"/>: Admins define, start and stop triggers; every role reads.</summary>
public static class GlueTriggerOperations
{
    private const int MaxTriggersPerPage = 200;

    public static AwsOperationRegistry AddGlueTriggerOperations(this AwsOperationRegistry registry) => registry
        .Add<CreateTriggerRequest, CreateTriggerResponse>(AwsService.Glue, "CreateTrigger", TriggerRules.Define, async (call, request) =>
        {
            var name = Required(request.Name, "name");
            Required(request.Type, "type");
            if (request.Actions is null)
            {
                throw AwsApiException.Required("actions");
            }

            var trigger = await Triggers(call).CreateAsync(call.Caller, request.ToDomain(name), call.CancellationToken);
            return new CreateTriggerResponse { Name = trigger.Definition.Name };
        })
        .Add<GetTriggerRequest, GetTriggerResponse>(AwsService.Glue, "GetTrigger", TriggerRules.Read, async (call, request) =>
        {
            var trigger = await Triggers(call).GetAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new GetTriggerResponse { Trigger = trigger.ToWire() };
        })
        .Add<GetTriggersRequest, GetTriggersResponse>(AwsService.Glue, "GetTriggers", TriggerRules.Read, async (call, request) =>
        {
            AwsApiException.CheckPageSize(request.MaxResults, MaxTriggersPerPage);
            var page = await Triggers(call).ListAsync(call.Caller, new PageRequest(request.NextToken, request.MaxResults), call.CancellationToken);
            // DependentJobName filters each page, so a page may hold fewer than MaxResults and still carry a NextToken.
            var triggers = request.DependentJobName is { } job ? page.Items.Where(t => t.Starts(job)) : page.Items;
            return new GetTriggersResponse { Triggers = triggers.Select(t => t.ToWire()).ToList(), NextToken = page.NextToken };
        })
        .Add<UpdateTriggerRequest, UpdateTriggerResponse>(AwsService.Glue, "UpdateTrigger", TriggerRules.Define, async (call, request) =>
        {
            var update = request.TriggerUpdate ?? throw AwsApiException.Required("triggerUpdate");
            var triggers = Triggers(call);
            var current = await triggers.GetAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            var trigger = await triggers.UpdateAsync(call.Caller, update.ApplyTo(current.Definition), call.CancellationToken);
            return new UpdateTriggerResponse { Trigger = trigger.ToWire() };
        })
        .Add<StartTriggerRequest, StartTriggerResponse>(AwsService.Glue, "StartTrigger", TriggerRules.Define, async (call, request) =>
        {
            var trigger = await Triggers(call).StartAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new StartTriggerResponse { Name = trigger.Definition.Name };
        })
        .Add<StopTriggerRequest, StopTriggerResponse>(AwsService.Glue, "StopTrigger", TriggerRules.Define, async (call, request) =>
        {
            var trigger = await Triggers(call).StopAsync(call.Caller, Required(request.Name, "name"), call.CancellationToken);
            return new StopTriggerResponse { Name = trigger.Definition.Name };
        })
        .Add<DeleteTriggerRequest, DeleteTriggerResponse>(AwsService.Glue, "DeleteTrigger", TriggerRules.Define, async (call, request) =>
        {
            var name = Required(request.Name, "name");
            try
            {
                await Triggers(call).DeleteAsync(call.Caller, name, call.CancellationToken);
            }
            catch (EntityNotFoundException)
            {
                // Glue's DeleteTrigger has no not-found error: deleting a trigger that is not there succeeds with its name.
            }

            return new DeleteTriggerResponse { Name = name };
        });

    private static ITriggers Triggers(AwsCall call) => call.Services.GetRequiredService<ITriggers>();

    private static string Required(string? value, string member) => value ?? throw AwsApiException.Required(member);
}
