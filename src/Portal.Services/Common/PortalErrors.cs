namespace Lakeport.Services.Common;

/// <summary>
/// A failure the caller can act on, with a message fit to show a user. The /aws endpoint maps each kind to its
/// AWS error type; the UI shows the message in a snackbar.
/// </summary>
public abstract class PortalException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The input breaks a rule (name too long, bad URI, …).</summary>
public sealed class InvalidInputException(string message, Exception? inner = null) : PortalException(message, inner);

public sealed class EntityNotFoundException(string message, Exception? inner = null) : PortalException(message, inner);

public sealed class AlreadyExistsException(string message, Exception? inner = null) : PortalException(message, inner);

/// <summary>The caller's role does not allow the action.</summary>
public sealed class AccessDeniedException(string message, Exception? inner = null) : PortalException(message, inner);

/// <summary>The thing changed since the caller read it (an UpdateTable with a stale VersionId).</summary>
public sealed class ConcurrentModificationException(string message, Exception? inner = null) : PortalException(message, inner);

/// <summary>A job already has <c>MaxConcurrentRuns</c> runs going (Glue's ConcurrentRunsExceededException).</summary>
public sealed class ConcurrentRunsExceededException(string message, Exception? inner = null) : PortalException(message, inner);

/// <summary>
/// The backend in use cannot do this (AWS keeps no trigger fire history; the Local backend has no IAM): the message
/// says what and, where there is one, what to do instead. The UI shows it instead of failing.
/// </summary>
public sealed class NotSupportedByBackendException(string message, Exception? inner = null) : PortalException(message, inner);
