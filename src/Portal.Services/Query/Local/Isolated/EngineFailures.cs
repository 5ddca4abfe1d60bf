using Lakeport.Services.Common;

namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>
/// Exceptions to <see cref="EngineFailure"/> and back, so a statement refused or failed in the engine process reaches
/// the portal's callers as the same exception it would be in one process.
/// </summary>
public static class EngineFailures
{
    public static EngineFailure ToWire(Exception exception) => exception switch
    {
        QueryFailedException failed => new("Query", failed.Message, Error: failed.Error),
        SqlSyntaxException syntax => new("Syntax", syntax.Message, syntax.Line, syntax.Column),
        ConfirmationRequiredException confirm => new("Confirmation", confirm.Message, Confirmation: confirm.Kind),
        AccessDeniedException => new("AccessDenied", exception.Message),
        InvalidInputException => new("InvalidInput", exception.Message),
        EntityNotFoundException => new("NotFound", exception.Message),
        AlreadyExistsException => new("AlreadyExists", exception.Message),
        _ => new("Internal", $"{exception.GetType().Name}: {exception.Message}"),
    };

    public static Exception FromWire(EngineFailure failure) => failure.Kind switch
    {
        "Query" => new QueryFailedException(failure.Error ?? new QueryError(1, "GENERIC_INTERNAL_ERROR", failure.Message)),
        "Syntax" => new SqlSyntaxException(failure.Message, failure.Line, failure.Column),
        "Confirmation" => new ConfirmationRequiredException(failure.Message, failure.Confirmation ?? ConfirmationKind.LargeScan),
        "AccessDenied" => new AccessDeniedException(failure.Message),
        "InvalidInput" => new InvalidInputException(failure.Message),
        "NotFound" => new EntityNotFoundException(failure.Message),
        "AlreadyExists" => new AlreadyExistsException(failure.Message),
        _ => new InvalidOperationException($"The query engine process failed: {failure.Message}"),
    };
}
