// libpg_query keeps PostgreSQL's globals thread-local; PGDLLIMPORT marks the ones PG_TRY and palloc use.
#define PGDLLIMPORT __thread
#include "postgres.h"
#include "nodes/nodeFuncs.h"
#include "CPgQueryHelpers.h"

typedef struct {
    void (*visit)(void *node, void *context);
    void *context;
} Walk;

static bool walker(Node *node, void *arg) {
    Walk *walk = arg;
    if (node == NULL) return false;
    walk->visit(node, walk->context);
    return raw_expression_tree_walker(node, walker, arg);
}

int sl_walk_raw_tree(void *node, void (*visit)(void *node, void *context), void *context) {
    Walk walk = { visit, context };
    MemoryContext caller = CurrentMemoryContext;
    volatile int failed = 0;
    // The walker raises an error on a node it does not know; outside PG_TRY that would end the process.
    PG_TRY();
    {
        walker((Node *) node, &walk);
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(caller);
        FlushErrorState();
        failed = 1;
    }
    PG_END_TRY();
    return failed;
}
