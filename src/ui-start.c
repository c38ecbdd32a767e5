/* ui-start: pick a recent session, or make a new one from a template
 * (title, template, language, budget, mode, anonymity, order, optional
 * groups and PIN). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tapla/groups.h"
#include "tapla/i18n.h"
#include "tapla/pin.h"
#include "tapla/text.h"
#include "tapla/ui.h"

enum field {
	F_TITLE = 0, F_TEMPLATE, F_LANG, F_BUDGET, F_MODE, F_ANON, F_ORDER,
	F_GROUPS, F_PIN, F_COUNT
};

static const char *const langs[] = { "fi", "en" };

/* Frees the list, the templates and the fields (on leaving). */
static void start_close(struct ui_app *app)
{
	struct ui_start *s = &app->start;
	for (size_t i = 0; i < s->n; i++)
		rules_session_free(&s->list[i]);
	free(s->list);
	s->list = NULL;
	s->n = 0;
	assets_free_list(s->tpls, s->ntpls);
	s->tpls = NULL;
	s->ntpls = 0;
	lineedit_free(&s->title);
	lineedit_free(&s->pin);
	lineedit_free(&s->groups);
}

/* The template's default budget, to show in the form. */
static void load_defaults(struct ui_start *s)
{
	struct template t;
	char err[256];
	if (s->ntpls == 0)
		return;
	if (assets_load_template(s->tpls[s->tpl].name, langs[s->lang], &t, err,
				 sizeof err)) {
		s->budget = t.budget > 0 ? t.budget : RULES_BUDGET_DEFAULT;
		tpl_free(&t);
	}
}

/* Opens the new-session form with the defaults. */
static void open_form(struct ui_start *s)
{
	s->form = true;
	s->field = F_TITLE;
	lineedit_clear(&s->title);
	lineedit_clear(&s->pin);
	lineedit_clear(&s->groups);
	s->mode = MODE_WEIGHTED;
	s->anonymous = false;
	s->shuffle = false;
	s->lang = strcmp(i18n_language(), "fi") == 0 ? 0 : 1;
	s->tpl = 0;
	for (size_t i = 0; i < s->ntpls; i++)
		if (strcmp(s->tpls[i].name, "networks") == 0) {
			s->tpl = (int)i;
			break;
		}
	s->budget = RULES_BUDGET_DEFAULT;
	load_defaults(s);
	s->msg[0] = '\0';
}

/* Reads the sessions and templates; the form at once if there are no
 * sessions. False (said why, nothing kept) if it cannot. */
static bool start_open(struct ui_app *app)
{
	struct ui_start *s = &app->start;
	char err[256];
	memset(s, 0, sizeof *s);
	if (!lineedit_init(&s->title, TEXT_TITLE_MAX) || !lineedit_init(&s->pin, 64) ||
	    !lineedit_init(&s->groups, GROUPS_MAX * (GROUPS_NAME_MAX + 2))) {
		ui_app_say(app, true, "%s", _("Out of memory: close other programs and start tapla again."));
		start_close(app);
		return false;
	}
	if (store_session_list(app->st, &s->list, &s->n) != STORE_OK) {
		ui_app_say(app, true, "%s", store_error(app->st));
		start_close(app);
		return false;
	}
	if (!assets_list_templates(&s->tpls, &s->ntpls, err, sizeof err)) {
		s->tpls = NULL;
		s->ntpls = 0;
		snprintf(s->msg, sizeof s->msg, "%s", err);
	}
	/* The newest session still open is the one to resume. */
	s->sel = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!s->list[i].closed[0]) {
			s->sel = (int)i;
			break;
		}
	if (s->n == 0)
		open_form(s);
	return true;
}

/* The list of sessions, newest first, and "new session" last. */
static void draw_list(struct ui_app *app)
{
	struct ui_start *s = &app->start;
	attron(ui_attr_title());
	ui_draw_text(1, 2, COLS - 4, _("tapla: choose a workshop session"));
	attroff(ui_attr_title());
	int rows = LINES - 6;
	int top = s->sel >= rows ? s->sel - rows + 1 : 0;
	for (int i = 0; i < rows && top + i <= (int)s->n; i++) {
		int k = top + i;
		char line[400];
		if (k == (int)s->n) {
			snprintf(line, sizeof line, "%s", _("+ New session from a template"));
		} else {
			/* "2026-11-24T10:00:00Z" shown as "2026-11-24 10:00" */
			char when[20];
			snprintf(when, sizeof when, "%.10s %.5s", s->list[k].created,
				 strlen(s->list[k].created) > 11 ? s->list[k].created + 11 : "");
			snprintf(line, sizeof line, P_("#%lld  %s  (%s, %d voted%s)",
						       "#%lld  %s  (%s, %d voted%s)",
						       s->list[k].participants),
				 (long long)s->list[k].id,
				 s->list[k].title ? s->list[k].title : "",
				 when, s->list[k].participants,
				 s->list[k].closed[0] ? _(", closed") : "");
		}
		if (k == s->sel) {
			attron(ui_attr_cursor());
			mvhline(3 + i, 1, ' ', COLS - 2);
		}
		mvaddstr(3 + i, 1, k == s->sel ? ">" : " ");
		ui_draw_text(3 + i, 3, COLS - 5, line);
		if (k == s->sel)
			attroff(ui_attr_cursor());
	}
}

static const struct assets_entry *shown_template(const struct ui_start *s);

/* The line editor of a text field (and its scroll), NULL for a choice. */
static struct lineedit *text_field(struct ui_start *s, int f, size_t **scroll)
{
	switch (f) {
	case F_TITLE: *scroll = &s->title_scroll; return &s->title;
	case F_GROUPS: *scroll = &s->groups_scroll; return &s->groups;
	case F_PIN: *scroll = &s->pin_scroll; return &s->pin;
	default: *scroll = NULL; return NULL;
	}
}

/* The value shown for a choice field, without the arrows around it;
 * false when it has none (no choice to make). */
static bool field_value(const struct ui_start *s, int f, char *out, size_t n)
{
	switch (f) {
	case F_TEMPLATE:
		if (s->ntpls) {
			const struct assets_entry *e = shown_template(s);
			snprintf(out, n, "%s: %s", e->name, e->title ? e->title : "");
		}
		else {
			snprintf(out, n, "%s", _("(no templates found)"));
			return false;
		}
		break;
	case F_LANG:
		snprintf(out, n, "%s", s->lang == 0 ? _("Finnish (fi)") : _("English (en)"));
		break;
	case F_BUDGET:
		snprintf(out, n, P_("%d dot per person", "%d dots per person",
				    s->budget), s->budget);
		break;
	case F_MODE:
		snprintf(out, n, "%s", s->mode == MODE_WEIGHTED ?
			 _("weighted: any number of dots per sheet") :
			 _("classic: one dot per sheet"));
		break;
	case F_ANON:
		snprintf(out, n, "%s", s->anonymous ? _("anonymous: no names") :
			 _("named: participants sign"));
		break;
	case F_ORDER:
		snprintf(out, n, "%s", s->shuffle ?
			 _("shuffled: each participant their own") :
			 _("the same for everybody"));
		break;
	default:
		out[0] = '\0';
		return false;
	}
	return true;
}

/* A choice's value at (y, x) in w columns between its arrows ("< … >"),
 * wrapped into the free row under it and then ending in "…" at a word. */
static void draw_choice(int y, int x, int w, const char *v, bool arrows)
{
	if (!arrows) {
		ui_draw_wrapped_ellipsized(y, x, w, 2, v, NULL);
		return;
	}
	int last_w = 0;
	mvaddstr(y, x, "< ");
	int rows = ui_draw_wrapped_ellipsized(y, x + 2, w - 4, 2, v, &last_w);
	mvaddstr(y + (rows > 0 ? rows - 1 : 0), x + 2 + last_w, " >");
}

/* The new-session form. */
static void draw_form(struct ui_app *app)
{
	struct ui_start *s = &app->start;
	static const char *const labels[F_COUNT] = {
		N_("Title (empty: the template's)"), N_("Template"), N_("Language"),
		N_("Dots"), N_("Mode"), N_("Names"), N_("Order of the sheets"),
		N_("Groups, comma separated (optional)"),
		N_("Facilitator PIN (optional)"),
	};
	attron(ui_attr_title());
	ui_draw_text(1, 2, COLS - 4, _("New workshop session"));
	attroff(ui_attr_title());
	/* The labels' column as wide as the longest label, up to a half. */
	int lw = 0;
	for (int f = 0; f < F_COUNT; f++) {
		int fw = (int)text_width(_(labels[f]));
		lw = fw > lw ? fw : lw;
	}
	if (lw > COLS / 2)
		lw = COLS / 2;
	int x = 2 + lw + 2, w = COLS - x - 2;
	int cy = -1;
	for (int f = 0; f < F_COUNT; f++) {
		int y = 3 + f * 2;
		if (f == s->field)
			attron(A_BOLD);
		mvaddstr(y, 1, f == s->field ? ">" : " ");
		ui_draw_text(y, 2, lw, _(labels[f]));
		attroff(A_BOLD);
		size_t *scroll;
		struct lineedit *e = text_field(s, f, &scroll);
		if (e) {
			ui_field_draw(e, y, x, w, false, f == F_PIN, scroll);
			if (f == s->field)
				cy = y;
		} else {
			char v[300];
			bool arrows = field_value(s, f, v, sizeof v);
			if (f == s->field)
				attron(ui_attr_cursor());
			draw_choice(y, x, w, v, arrows);
			if (f == s->field)
				attroff(ui_attr_cursor());
		}
	}
	if (s->msg[0]) {
		attron(ui_attr_error());
		ui_draw_text(LINES - 2, 1, COLS - 2, s->msg);
		attroff(ui_attr_error());
	}
	size_t *scroll;
	struct lineedit *e = text_field(s, s->field, &scroll);
	if (cy >= 0 && e)
		ui_field_draw(e, cy, x, w, true, s->field == F_PIN, scroll);
}

/* The list of sessions, or the new-session form. */
static void start_draw(struct ui_app *app)
{
	if (app->start.form)
		draw_form(app);
	else
		draw_list(app);
}

/* Loads a session and shows its console; on failure the list stays with
 * the reason. */
static unsigned open_session(struct ui_app *app, int64_t id)
{
	if (!ui_app_load_session(app, id))
		return UI_REDRAW;
	return ui_app_goto(app, UI_SCREEN_CONSOLE);
}

/* Sets the new session's PIN, if one was typed. */
static bool set_new_pin(struct ui_app *app, int64_t id)
{
	char why[200];
	const char *pin = app->start.pin.text ? app->start.pin.text : "";
	if (!*pin)
		return true;
	char *hash = pin_hash(pin, why, sizeof why);
	if (!hash) {
		ui_app_say(app, true, "%s", why);
		return false;
	}
	enum store_status st = store_session_set_pin_hash(app->st, id, hash);
	free(hash);
	if (st != STORE_OK)
		ui_app_say(app, true, "%s", store_error(app->st));
	return st == STORE_OK;
}

/* Enter in the form: make the session and open its console. */
static unsigned create(struct ui_app *app)
{
	struct ui_start *s = &app->start;
	struct template t;
	char err[256];
	int64_t id = 0;
	if (s->pin.text && *s->pin.text &&
	    !pin_acceptable(s->pin.text, s->msg, sizeof s->msg)) {
		s->field = F_PIN;  /* nothing made yet: another PIN, or none */
		return UI_REDRAW;
	}
	if (s->ntpls == 0) {
		snprintf(s->msg, sizeof s->msg, "%s", _("No templates were found: reinstall tapla or set TAPLA_TEMPLATE_DIR."));
		return UI_REDRAW;
	}
	if (!assets_load_template(s->tpls[s->tpl].name, langs[s->lang], &t, err, sizeof err)) {
		snprintf(s->msg, sizeof s->msg, "%s", err);
		return UI_REDRAW;
	}
	char *groups = NULL;
	if (s->groups.text && *s->groups.text &&
	    !(groups = groups_parse(s->groups.text, err, sizeof err))) {
		/* The sentence says what is wrong; the cursor goes there. */
		snprintf(s->msg, sizeof s->msg, "%s", err);
		s->field = F_GROUPS;
		tpl_free(&t);
		return UI_REDRAW;
	}
	char *title = NULL;
	if (s->title.text && *s->title.text &&
	    text_clean(s->title.text, TEXT_TITLE_MAX, &title) != TEXT_OK)
		title = NULL;
	struct store_new_session opt = {
		.title = title, .budget = s->budget, .mode = s->mode,
		.anonymous = s->anonymous, .language = langs[s->lang],
		.shuffle = s->shuffle, .groups = groups,
	};
	enum store_status st = store_session_create(app->st, &t, &opt, &id);
	free(groups);
	free(title);
	tpl_free(&t);
	if (st != STORE_OK) {
		snprintf(s->msg, sizeof s->msg, "%s", store_error(app->st));
		return UI_REDRAW;
	}
	set_new_pin(app, id);
	return open_session(app, id);
}

/* Moves to the next (dir 1) or previous template name; the list holds one
 * entry per name and language, the language is its own field. */
static void next_template(struct ui_start *s, int dir)
{
	const char *now = s->tpls[s->tpl].name;
	int i = s->tpl;
	for (size_t k = 0; k < s->ntpls; k++) {
		i = (i + dir + (int)s->ntpls) % (int)s->ntpls;
		if (strcmp(s->tpls[i].name, now) != 0)
			break;
	}
	/* Land on the first entry of that name. */
	while (i > 0 && strcmp(s->tpls[i - 1].name, s->tpls[i].name) == 0)
		i--;
	s->tpl = i;
}

/* The entry of the chosen name in the chosen language, if there is one. */
static const struct assets_entry *shown_template(const struct ui_start *s)
{
	const struct assets_entry *cur = &s->tpls[s->tpl];
	for (size_t i = 0; i < s->ntpls; i++)
		if (strcmp(s->tpls[i].name, cur->name) == 0 &&
		    strcmp(s->tpls[i].language, langs[s->lang]) == 0)
			return &s->tpls[i];
	return cur;
}

/* ←/→ on a choice field. */
static unsigned change(struct ui_start *s, int dir)
{
	switch (s->field) {
	case F_TEMPLATE:
		if (s->ntpls == 0)
			return UI_NONE;
		next_template(s, dir);
		load_defaults(s);
		return UI_REDRAW;
	case F_LANG:
		s->lang = 1 - s->lang;
		load_defaults(s);
		return UI_REDRAW;
	case F_BUDGET:
		if (s->budget + dir >= 1 && s->budget + dir <= RULES_BUDGET_MAX)
			s->budget += dir;
		return UI_REDRAW;
	case F_MODE:
		s->mode = s->mode == MODE_WEIGHTED ? MODE_CLASSIC : MODE_WEIGHTED;
		return UI_REDRAW;
	case F_ANON:
		s->anonymous = !s->anonymous;
		return UI_REDRAW;
	case F_ORDER:
		s->shuffle = !s->shuffle;
		return UI_REDRAW;
	default:
		return UI_NONE;
	}
}

/* Keys in the form. */
static unsigned form_key(struct ui_app *app, int key)
{
	struct ui_start *s = &app->start;
	size_t *scroll;
	struct lineedit *e = text_field(s, s->field, &scroll);
	bool text = e != NULL;
	s->msg[0] = '\0';
	switch (ui_key_action(UI_CTX_FORM, key)) {
	case UI_ACT_NEXT_FIELD: s->field = (s->field + 1) % F_COUNT; return UI_REDRAW;
	case UI_ACT_PREV_FIELD: s->field = (s->field + F_COUNT - 1) % F_COUNT; return UI_REDRAW;
	case UI_ACT_OK:
		/* Enter goes on to the next field; only the last one creates,
		 * so that a stray Enter never makes a half-filled session. */
		if (s->field == F_COUNT - 1)
			return create(app);
		s->field++;
		return UI_REDRAW;
	case UI_ACT_SAVE: return create(app);
	case UI_ACT_BACK:
		if (s->n == 0 && app->have_session) {
			return ui_app_goto(app, UI_SCREEN_CONSOLE);
		}
		if (s->n == 0)  /* the first form: ask, a title may be typed */
			return ui_prompt_open(app, UI_PROMPT_QUIT);
		s->form = false;
		return UI_REDRAW;
	case UI_ACT_LEFT:
		if (!text)
			return change(s, -1);
		break;
	case UI_ACT_RIGHT:
		if (!text)
			return change(s, 1);
		break;
	default:
		break;
	}
	if (text)
		return ui_key_edit(e, key) ?
		       UI_REDRAW : UI_NONE;
	if (key == ' ')
		return change(s, 1);
	return UI_NONE;
}

/* The list's keys, or the form's. */
static unsigned start_key(struct ui_app *app, int key)
{
	struct ui_start *s = &app->start;
	if (s->form)
		return form_key(app, key);
	enum ui_action act = ui_key_action(UI_CTX_START, key);
	if (ui_key_move(act, &s->sel, (int)s->n))  /* row n: a new session */
		return UI_REDRAW;
	switch (act) {
	case UI_ACT_OK:
		if (s->sel == (int)s->n) {
			open_form(s);
			return UI_REDRAW;
		}
		return open_session(app, s->list[s->sel].id);
	case UI_ACT_BACK:
		if (app->have_session) {
			return ui_app_goto(app, UI_SCREEN_CONSOLE);
		}
		return UI_QUIT;
	case UI_ACT_QUIT:
		return UI_QUIT;
	default:
		return UI_NONE;
	}
}

/* The list's keys or the form's. */
static enum ui_ctx start_ctx(const struct ui_app *app)
{
	return app->start.form ? UI_CTX_FORM : UI_CTX_START;
}

const struct ui_screen_ops ui_start_screen = {
	.open = start_open, .close = start_close, .draw = start_draw,
	.key = start_key, .ctx = start_ctx,
};
