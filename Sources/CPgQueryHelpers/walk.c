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
    // raw_expression_tree_walker does not descend into a RangeVar's alias; it has nothing else under it.
    return raw_expression_tree_walker(node, walker, arg);
}

void sl_walk_raw_tree(void *node, void (*visit)(void *node, void *context), void *context) {
    Walk walk = { visit, context };
    walker((Node *) node, &walk);
}
