// libpg_query, and PostgreSQL 15's own parse-tree headers (postgresql-server-dev-15), so that the front end reads the
// tree libpg_query builds in place. The server headers are found through `-I/usr/include/postgresql/15/server`
// (Package.swift). Only files of the front end import this module: PostgreSQL's `String`, `List` and `Node` stay there.
#include "postgres.h"
#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "utils/memutils.h"
#include <pg_query.h>

// From libpg_query's pg_query_internal.h, whose own `#include "postgres.h"` needs the server folder on the path too.
typedef struct {
    List *tree;
    char *stderr_buffer;
    PgQueryError *error;
} PgQueryInternalParsetreeAndError;

PgQueryInternalParsetreeAndError pg_query_raw_parse(const char *input);
void pg_query_free_error(PgQueryError *error);
MemoryContext pg_query_enter_memory_context(void);
void pg_query_exit_memory_context(MemoryContext ctx);

// PostgreSQL's macros, as functions Swift can call.
static inline NodeTag sl_node_tag(const void *node) { return node ? nodeTag(node) : T_Invalid; }
static inline int sl_list_length(const List *list) { return list_length(list); }
static inline void *sl_list_nth(const List *list, int n) { return list_nth(list, n); }
