// PL/pgSQL bodies compiled by libpg_query's copy of PostgreSQL's PL/pgSQL compiler, the way PostgreSQL's validator
// does with check_function_bodies on (plpgsql_check_syntax: embedded SQL goes through the raw parser too), and then
// walked. libpg_query keeps PostgreSQL's globals thread-local (`__thread`); its headers here are PostgreSQL's, which
// declare them plain, so the ones this file touches are declared again as thread-local.
#define PGDLLIMPORT __thread
#include "postgres.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type_d.h"
#include "nodes/parsenodes.h"
#include "utils/memutils.h"

// Hide plpgsql.h's plain declarations of the thread-local globals, then declare them as they are.
#define plpgsql_check_syntax sl_unused_1
#define plpgsql_DumpExecTree sl_unused_2
#define plpgsql_parse_result sl_unused_3
#define plpgsql_error_funcname sl_unused_4
#define plpgsql_curr_compile sl_unused_5
#define plpgsql_compile_tmp_cxt sl_unused_6
#define plpgsql_variable_conflict sl_unused_7
#define plpgsql_print_strict_params sl_unused_8
#include "plpgsql.h"
#undef plpgsql_check_syntax
#undef plpgsql_DumpExecTree
#undef plpgsql_parse_result
#undef plpgsql_error_funcname
#undef plpgsql_curr_compile
#undef plpgsql_compile_tmp_cxt
#undef plpgsql_variable_conflict
#undef plpgsql_print_strict_params
extern __thread bool plpgsql_check_syntax;
extern __thread bool plpgsql_DumpExecTree;
extern __thread PLpgSQL_stmt_block *plpgsql_parse_result;
extern __thread char *plpgsql_error_funcname;
extern __thread PLpgSQL_function *plpgsql_curr_compile;
extern __thread MemoryContext plpgsql_compile_tmp_cxt;
extern __thread int plpgsql_variable_conflict;
extern __thread bool plpgsql_print_strict_params;

extern int plpgsql_latest_lineno(void);
extern void plpgsql_finish_datums(PLpgSQL_function *function);
extern void plpgsql_start_datums(void);

#include <string.h>
#include "CPgQueryHelpers.h"

typedef void (*Visit)(SLPlpgsqlStatementKind kind, int line, const char *query, int guarded, void *context);

static void walk_list(List *statements, int guarded, Visit visit, void *context);

static void walk_statement(PLpgSQL_stmt *statement, int guarded, Visit visit, void *context) {
    ListCell *cell;
    switch (statement->cmd_type) {
    case PLPGSQL_STMT_BLOCK: {
        PLpgSQL_stmt_block *block = (PLpgSQL_stmt_block *) statement;
        // A handler makes the block's statements re-runnable (`EXCEPTION WHEN duplicate_column THEN …`).
        walk_list(block->body, guarded || block->exceptions != NULL, visit, context);
        if (block->exceptions)
            foreach (cell, block->exceptions->exc_list)
                walk_list(((PLpgSQL_exception *) lfirst(cell))->action, 1, visit, context);
        break;
    }
    case PLPGSQL_STMT_IF: {
        PLpgSQL_stmt_if *s = (PLpgSQL_stmt_if *) statement;
        walk_list(s->then_body, 1, visit, context);
        foreach (cell, s->elsif_list)
            walk_list(((PLpgSQL_if_elsif *) lfirst(cell))->stmts, 1, visit, context);
        walk_list(s->else_body, 1, visit, context);
        break;
    }
    case PLPGSQL_STMT_CASE: {
        PLpgSQL_stmt_case *s = (PLpgSQL_stmt_case *) statement;
        foreach (cell, s->case_when_list)
            walk_list(((PLpgSQL_case_when *) lfirst(cell))->stmts, 1, visit, context);
        walk_list(s->else_stmts, 1, visit, context);
        break;
    }
    case PLPGSQL_STMT_LOOP: walk_list(((PLpgSQL_stmt_loop *) statement)->body, guarded, visit, context); break;
    case PLPGSQL_STMT_WHILE: walk_list(((PLpgSQL_stmt_while *) statement)->body, guarded, visit, context); break;
    case PLPGSQL_STMT_FORI: walk_list(((PLpgSQL_stmt_fori *) statement)->body, guarded, visit, context); break;
    case PLPGSQL_STMT_FORS: walk_list(((PLpgSQL_stmt_fors *) statement)->body, guarded, visit, context); break;
    case PLPGSQL_STMT_FORC: walk_list(((PLpgSQL_stmt_forc *) statement)->body, guarded, visit, context); break;
    case PLPGSQL_STMT_FOREACH_A: walk_list(((PLpgSQL_stmt_foreach_a *) statement)->body, guarded, visit, context); break;
    case PLPGSQL_STMT_DYNFORS:
        visit(SL_PLPGSQL_DYNAMIC, statement->lineno, NULL, guarded, context);
        walk_list(((PLpgSQL_stmt_dynfors *) statement)->body, guarded, visit, context);
        break;
    case PLPGSQL_STMT_EXECSQL:
        visit(SL_PLPGSQL_SQL, statement->lineno, ((PLpgSQL_stmt_execsql *) statement)->sqlstmt->query, guarded, context);
        break;
    case PLPGSQL_STMT_CALL: {
        PLpgSQL_stmt_call *s = (PLpgSQL_stmt_call *) statement;
        if (s->expr) visit(SL_PLPGSQL_SQL, statement->lineno, s->expr->query, guarded, context);
        break;
    }
    case PLPGSQL_STMT_DYNEXECUTE: visit(SL_PLPGSQL_DYNAMIC, statement->lineno, NULL, guarded, context); break;
    case PLPGSQL_STMT_RETURN_QUERY:
        if (((PLpgSQL_stmt_return_query *) statement)->dynquery) visit(SL_PLPGSQL_DYNAMIC, statement->lineno, NULL, guarded, context);
        break;
    case PLPGSQL_STMT_OPEN:
        if (((PLpgSQL_stmt_open *) statement)->dynquery) visit(SL_PLPGSQL_DYNAMIC, statement->lineno, NULL, guarded, context);
        break;
    default: break;
    }
}

static void walk_list(List *statements, int guarded, Visit visit, void *context) {
    ListCell *cell;
    foreach (cell, statements) walk_statement((PLpgSQL_stmt *) lfirst(cell), guarded, visit, context);
}

/// Sets up a function the way PostgreSQL's do_compile does for a validator call, as far as a raw parse can: parameter
/// names as variables ($n too), OUT parameters, the return type's kind (void, set, trigger), FOUND, NEW and OLD.
static PLpgSQL_function *compile_function(CreateFunctionStmt *stmt, char *body) {
    PLpgSQL_function *function;
    MemoryContext func_cxt;
    ListCell *cell;
    bool is_trigger = false, is_setof = false, returns_void = stmt->is_procedure || stmt->returnType == NULL;
    char *name = strVal(llast(stmt->funcname));

    if (stmt->returnType != NULL) {
        const char *type = strVal(llast(stmt->returnType->names));
        is_trigger = strcmp(type, "trigger") == 0 || strcmp(type, "event_trigger") == 0;
        returns_void = strcmp(type, "void") == 0;
        is_setof = stmt->returnType->setof;
    }

    plpgsql_scanner_init(body);
    plpgsql_error_funcname = name;
    plpgsql_check_syntax = true;
    function = palloc0(sizeof(PLpgSQL_function));
    plpgsql_curr_compile = function;
    func_cxt = AllocSetContextCreate(CurrentMemoryContext, "schemalint PL/pgSQL", ALLOCSET_DEFAULT_SIZES);
    plpgsql_compile_tmp_cxt = MemoryContextSwitchTo(func_cxt);

    function->fn_signature = pstrdup(name);
    function->fn_is_trigger = is_trigger ? PLPGSQL_DML_TRIGGER : PLPGSQL_NOT_TRIGGER;
    function->fn_cxt = func_cxt;
    function->out_param_varno = -1;
    function->resolve_option = plpgsql_variable_conflict;
    function->print_strict_params = plpgsql_print_strict_params;
    function->extra_warnings = 0;
    function->extra_errors = 0;

    plpgsql_ns_init();
    plpgsql_ns_push(name, PLPGSQL_LABEL_BLOCK);
    plpgsql_DumpExecTree = false;
    plpgsql_start_datums();

    foreach (cell, stmt->parameters) {
        FunctionParameter *param = lfirst_node(FunctionParameter, cell);
        char buf[32];
        PLpgSQL_type *type;
        PLpgSQL_variable *variable;
        PLpgSQL_nsitem_type item;
        snprintf(buf, sizeof(buf), "$%d", foreach_current_index(cell) + 1);
        type = plpgsql_build_datatype(param->argType->typeOid, -1, InvalidOid, param->argType);
        variable = plpgsql_build_variable(param->name ? param->name : buf, 0, type, false);
        if (param->mode == FUNC_PARAM_OUT || param->mode == FUNC_PARAM_INOUT || param->mode == FUNC_PARAM_TABLE)
            function->out_param_varno = variable->dno;
        item = variable->dtype == PLPGSQL_DTYPE_VAR ? PLPGSQL_NSTYPE_VAR : PLPGSQL_NSTYPE_REC;
        plpgsql_ns_additem(item, variable->dno, buf);
        if (param->name != NULL) plpgsql_ns_additem(item, variable->dno, param->name);
    }

    // Only whether it returns void matters to the grammar (RETURN with or without a value); RECORD stands for the rest.
    function->fn_rettype = returns_void ? VOIDOID : is_trigger ? TRIGGEROID : RECORDOID;
    function->fn_retset = is_setof;
    function->fn_prokind = stmt->is_procedure ? PROKIND_PROCEDURE : PROKIND_FUNCTION;
    function->fn_retbyval = true;
    function->fn_rettyplen = sizeof(int32);
    function->fn_readonly = false;

    function->found_varno = plpgsql_build_variable("found", 0, plpgsql_build_datatype(BOOLOID, -1, InvalidOid, NULL), true)->dno;
    if (is_trigger) {
        function->new_varno = plpgsql_build_record("new", 0, NULL, RECORDOID, true)->dno;
        function->old_varno = plpgsql_build_record("old", 0, NULL, RECORDOID, true)->dno;
    }

    if (plpgsql_yyparse() != 0) elog(ERROR, "plpgsql parser failed");
    function->action = plpgsql_parse_result;
    plpgsql_scanner_finish();
    plpgsql_finish_datums(function);

    plpgsql_error_funcname = NULL;
    plpgsql_check_syntax = false;
    MemoryContextSwitchTo(plpgsql_compile_tmp_cxt);
    plpgsql_compile_tmp_cxt = NULL;
    return function;
}

static int walk(CreateFunctionStmt *stmt, const char *body, Visit visit, void *context, SLPlpgsqlError *error) {
    MemoryContext caller = CurrentMemoryContext;
    volatile int failed = 0;
    char *copy = pstrdup(body);
    PG_TRY();
    {
        PLpgSQL_function *function = stmt ? compile_function(stmt, copy) : plpgsql_compile_inline(copy);
        if (function && function->action) walk_statement((PLpgSQL_stmt *) function->action, 0, visit, context);
    }
    PG_CATCH();
    {
        ErrorData *data;
        MemoryContextSwitchTo(caller);
        data = CopyErrorData();
        error->message = strdup(data->message ? data->message : "PL/pgSQL compilation failed");
        error->position = data->internalpos > 0 ? data->internalpos : data->cursorpos;
        error->line = plpgsql_latest_lineno();
        FlushErrorState();
        plpgsql_error_funcname = NULL;
        plpgsql_check_syntax = false;
        plpgsql_compile_tmp_cxt = NULL;
        failed = 1;
    }
    PG_END_TRY();
    MemoryContextSwitchTo(caller);
    return failed;
}

int sl_plpgsql_walk_do(const char *body, Visit visit, void *context, SLPlpgsqlError *error) {
    return walk(NULL, body, visit, context, error);
}

int sl_plpgsql_walk_function(void *create_function_stmt, const char *body, Visit visit, void *context,
                             SLPlpgsqlError *error) {
    return walk((CreateFunctionStmt *) create_function_stmt, body, visit, context, error);
}
