/* fuzz-template: tpl_parse on arbitrary bytes. A template that parses must
 * be whole (the keys every section requires, at least one sheet) and hold
 * only valid UTF-8 without control characters; a refusal leaves the
 * template empty and says why in one valid UTF-8 line. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz-check.h"
#include "tapla/rules.h"
#include "tapla/template.h"
#include "tapla/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A string field: present when required, valid UTF-8 when present, and
 * without control characters but the tabs a line may hold and the
 * newlines a "." continuation line asks for. */
static void check_text(const char *s, bool required)
{
	if (!s) {
		FUZZ_CHECK(!required);
		return;
	}
	size_t n = strlen(s);
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(text_valid_utf8(s, n));
	FUZZ_CHECK(!fuzz_has_control_but(s, n, "\t\n"));
}

/* What a parsed template promises to the rest of tapla. */
static void check_template(const struct template *t)
{
	FUZZ_CHECK(t->nsheets >= 1 && t->nsheets <= RULES_MAX_SHEETS);
	FUZZ_CHECK(t->sheets != NULL);
	FUZZ_CHECK(t->budget >= 1 && t->budget <= RULES_BUDGET_MAX);
	check_text(t->name, true);
	check_text(t->language, true);
	check_text(t->title, true);
	check_text(t->description, false);
	FUZZ_CHECK(t->nphases == 0 || t->phases != NULL);
	for (size_t i = 0; i < t->nphases; i++) {
		const struct tpl_phase *ph = &t->phases[i];
		FUZZ_CHECK(tpl_phase_kind_key(ph->kind) != NULL);
		FUZZ_CHECK(ph->minutes >= 0 && ph->minutes <= 600);
		check_text(ph->title, true);
		check_text(ph->instructions, false);
	}
	for (size_t i = 0; i < t->nsheets; i++) {
		check_text(t->sheets[i].short_name, true);
		check_text(t->sheets[i].statement, true);
		check_text(t->sheets[i].help, false);
	}
}

/* A refused template: nothing to free, one line saying why (a tab of the
 * offending line may be quoted in it, nothing else below U+0020). */
static void check_refusal(const struct template *t, const char *err)
{
	static const struct template empty;
	FUZZ_CHECK(memcmp(t, &empty, sizeof empty) == 0);
	size_t n = strlen(err);
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(text_valid_utf8(err, n));
	FUZZ_CHECK(!fuzz_has_control_but(err, n, "\t"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct template t;
	char err[512];
	err[0] = '\0';
	if (tpl_parse((const char *)data, size, "fuzz.tapla", &t, err, sizeof err)) {
		check_template(&t);
		tpl_free(&t);
		FUZZ_CHECK(t.sheets == NULL && t.nsheets == 0);
	} else {
		check_refusal(&t, err);
	}
	return 0;
}
