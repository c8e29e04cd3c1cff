// C helpers over libpg_query's copy of PostgreSQL for what Swift cannot do itself: PostgreSQL's tree walker (a C
// callback), and PL/pgSQL compilation, which needs PG_TRY and the parser's thread-local state. Nodes are passed as
// `void *`: only the front end reads them, through CPgQuery's struct definitions.
#ifndef CPGQUERYHELPERS_H
#define CPGQUERYHELPERS_H

/// Calls `visit` with every node under `node` (itself included) that PostgreSQL's raw_expression_tree_walker reaches.
void sl_walk_raw_tree(void *node, void (*visit)(void *node, void *context), void *context);

#endif
