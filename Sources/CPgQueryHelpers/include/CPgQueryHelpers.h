// C helpers over libpg_query's copy of PostgreSQL for what Swift cannot do itself: PostgreSQL's tree walker (a C
// callback), and PL/pgSQL compilation, which needs PG_TRY and the parser's thread-local state. Nodes are passed as
// `void *`: only the front end reads them, through CPgQuery's struct definitions.
#ifndef CPGQUERYHELPERS_H
#define CPGQUERYHELPERS_H

/// Calls `visit` with every node under `node` (itself included) that PostgreSQL's raw_expression_tree_walker reaches.
/// Returns 1 when the walker met a node it does not know (the walk stops there), else 0.
int sl_walk_raw_tree(void *node, void (*visit)(void *node, void *context), void *context);

/// A PL/pgSQL statement that matters to a linter, as the compiler left it.
typedef enum {
    /// Static SQL (PLpgSQL_stmt_execsql, and CALL): `query` is its text as written, INTO clause removed.
    SL_PLPGSQL_SQL,
    /// Dynamic SQL (EXECUTE, FOR … IN EXECUTE, OPEN … FOR EXECUTE, RETURN QUERY EXECUTE): not analysable.
    SL_PLPGSQL_DYNAMIC,
} SLPlpgsqlStatementKind;

/// Where a PL/pgSQL compilation failed: PostgreSQL's message (malloc'd; free it), the 1-based character position in
/// the body when PostgreSQL gave one (else 0), and the body line the compiler had reached.
typedef struct {
    char *message;
    int position;
    int line;
} SLPlpgsqlError;

/// How the body is compiled: a DO block, or a function with its CREATE FUNCTION statement (parameters, return type).
/// `visit` is called for each statement, nested ones included, with its body line (1-based, the line of the opening
/// quote is 1), its query text, and whether it is guarded (under IF or CASE, or in a block with an EXCEPTION handler). Returns 0, or 1 with `error` filled. Call inside libpg_query's memory context.
int sl_plpgsql_walk_do(const char *body, void (*visit)(SLPlpgsqlStatementKind kind, int line, const char *query, int guarded, void *context),
                       void *context, SLPlpgsqlError *error);
int sl_plpgsql_walk_function(void *create_function_stmt, const char *body,
                             void (*visit)(SLPlpgsqlStatementKind kind, int line, const char *query, int guarded, void *context),
                             void *context, SLPlpgsqlError *error);

#endif
