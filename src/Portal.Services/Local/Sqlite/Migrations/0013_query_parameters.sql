-- GetQueryExecution echoes the ExecutionParameters a query was started with, so they are kept with the execution (JSON array).
ALTER TABLE query_executions ADD COLUMN execution_parameters TEXT;
