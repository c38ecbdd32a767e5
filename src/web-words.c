/* web-words: the phone pages' words in English and Finnish.
 *
 * Not gettext: its language is one for the whole process (LANGUAGE), and
 * the phone server answers each phone in its own language from its own
 * thread while the workshop screen draws in another. */
#include <stdio.h>
#include <string.h>

#include "web-int.h"

static const char *const words[W_COUNT][WEB_LANGS] = {
	[W_LANG_CODE] = { "en", "fi" },
	[W_OTHER_LANG] = { "Suomeksi", "In English" },
	[W_OTHER_LANG_CODE] = { "fi", "en" },
	[W_VOTE_TITLE] = { "Your dots", "Täplät" },
	[W_HOW_WEIGHTED] = { "Spread up to %d dots over the sheets, any number on one sheet, in any column. Then review and confirm.",
			     "Jaa enintään %d täplää arkeille, yhdelle arkille kuinka monta tahansa, mihin sarakkeeseen tahansa. Tarkista sitten ja vahvista." },
	[W_HOW_CLASSIC] = { "Put at most one dot on each sheet, %d in all. Then review and confirm.",
			    "Anna kullekin arkille enintään yksi täplä, yhteensä enintään %d. Tarkista sitten ja vahvista." },
	[W_ANONYMOUS] = { "This session is anonymous: no name is asked.",
			  "Tämä istunto on nimetön: nimeä ei kysytä." },
	[W_YOUR_NAME] = { "Your name", "Nimesi" },
	[W_SHEET] = { "Sheet", "Arkki" },
	[W_NOTES] = { "SWOT notes (optional)", "SWOT-muistiinpanot (valinnainen)" },
	[W_REVIEW] = { "Review", "Tarkista" },
	[W_CHECK_TITLE] = { "Check and confirm", "Tarkista ja vahvista" },
	[W_CHECK_INTRO] = { "Nothing is saved yet: confirm to save your ballot.",
			    "Mitään ei ole vielä tallennettu: vahvista, niin äänesi tallennetaan." },
	[W_DOTS_USED] = { "%d of %d dots used.", "%d / %d täplää käytetty." },
	[W_CONFIRM] = { "Confirm", "Vahvista" },
	[W_CHANGE] = { "Change", "Muuta" },
	[W_NO_DOTS_ON_SHEET] = { "No dots.", "Ei täpliä." },
	[W_SAVED_TITLE] = { "Saved", "Tallennettu" },
	[W_SAVED_TEXT] = { "Your ballot is saved. You may change it on this phone until voting closes.",
			   "Äänesi on tallennettu. Voit muuttaa sitä tällä puhelimella, kunnes äänestys suljetaan." },
	[W_CHANGE_MINE] = { "Change my ballot", "Muuta ääntäni" },
	[W_RESULTS] = { "Results", "Tulokset" },
	[W_RESULTS_LINK] = { "See the results", "Katso tulokset" },
	[W_RESULTS_LATER] = { "The results show here when the facilitator reveals them.",
			      "Tulokset näkyvät tässä, kun fasilitaattori julkistaa ne." },
	[W_CLOSED] = { "Voting is closed", "Äänestys on suljettu" },
	[W_COLUMN] = { "Column", "Sarake" },
	[W_DOTS] = { "Dots", "Täpliä" },
	[W_PEOPLE] = { "People", "Henkilöitä" },
	[W_TOTAL] = { "Total: %d dots, %d people, %s %% of all dots.",
		      "Kaikki: %d täplää, %d henkilöä, %s %% kaikista täplistä." },
	[W_SCORE] = { "Agreement score %s (from −10 to +10).",
		      "Kannatusluku %s (asteikolla −10…+10)." },
	[W_RANK] = { "Rank %d.", "Sija %d." },
	[W_NO_SCORE] = { "No agreement score (only “don't know” dots).",
			 "Ei kannatuslukua (vain ”en osaa sanoa” -täpliä)." },
	[W_PROBLEM] = { "Not saved", "Ei tallennettu" },
	[W_NAME_LINE] = { "Name: %s", "Nimi: %s" },
	[W_CLOSED_TEXT] = { "Voting is closed: no more ballots are taken.",
			    "Äänestys on suljettu: ääniä ei enää oteta vastaan." },
	/* Before the workshop's title on every page of round 2 and later. */
	[W_ROUND_LABEL] = { "Round %d", "Kierros %d" },
	[W_YOUR_GROUP] = { "Your group (optional)", "Ryhmäsi (valinnainen)" },
	[W_NO_GROUP] = { "No group", "Ei ryhmää" },
	[W_GROUP_LINE] = { "Group: %s", "Ryhmä: %s" },
	[W_ERR_GROUP] = { "There is no group “%s”: pick one from the list.",
			  "Ryhmää ”%s” ei ole: valitse se luettelosta." },
	[W_DOTS_LEFT] = { "On this form: %d of %d dots left.",
			  "Tällä lomakkeella: %d / %d täplää jäljellä." },
	[W_ERR_BUDGET] = { "%d dots given, the budget is %d: take some off, then review again.",
			   "Annoit %d täplää, budjetti on %d: poista osa ja tarkista uudelleen." },
	[W_ERR_CLASSIC] = { "Sheet %d has more than one dot: in classic mode each sheet takes one dot.",
			    "Arkilla %d on useampi kuin yksi täplä: klassisessa tavassa kullekin arkille annetaan yksi täplä." },
	[W_ERR_EMPTY] = { "The ballot has no dots: put at least one dot, then review.",
			  "Äänessä ei ole yhtään täplää: anna ainakin yksi täplä ja tarkista sitten." },
	[W_ERR_SHEET] = { "There is no sheet %d: the sheets are 1 to %d.",
			  "Arkkia %d ei ole: arkit ovat 1–%d." },
	[W_ERR_LEVEL] = { "“%s” is not a column: use agree, partly-agree, neutral, partly-disagree, disagree or unsure.",
			  "”%s” ei ole sarake: käytä agree, partly-agree, neutral, partly-disagree, disagree tai unsure." },
	[W_ERR_DOTS] = { "“%s” is not a number of dots: give a whole number from 0 to %d.",
			 "”%s” ei ole täplien määrä: anna kokonaisluku 0–%d." },
	[W_ERR_TWICE] = { "The field “%s” is given twice: give each cell and note once.",
			  "Kenttä ”%s” on annettu kahdesti: anna kukin ruutu ja muistiinpano kerran." },
	[W_ERR_FIELD] = { "The form has a field “%s” that tapla does not know: reload the page.",
			  "Lomakkeessa on kenttä ”%s”, jota tapla ei tunne: lataa sivu uudelleen." },
	[W_ERR_ENCODING] = { "The form could not be read (broken encoding): reload the page and try again.",
			     "Lomaketta ei voitu lukea (rikkinäinen koodaus): lataa sivu uudelleen ja yritä taas." },
	[W_ERR_NAME_EMPTY] = { "Write your name first: this session takes names.",
			       "Kirjoita ensin nimesi: tässä istunnossa äänet annetaan nimellä." },
	[W_ERR_NAME_LONG] = { "The name is longer than %d characters: shorten it.",
			      "Nimi on pidempi kuin %d merkkiä: lyhennä sitä." },
	[W_ERR_NAME_BAD] = { "The name has characters that cannot be stored: type it again.",
			     "Nimessä on merkkejä, joita ei voi tallentaa: kirjoita se uudelleen." },
	[W_ERR_NAME_MIXED] = { "The name mixes letters of different scripts (such as Latin with Cyrillic or Greek), which lets two names look alike: type it in one script.",
			       "Nimessä on eri kirjoitusjärjestelmien kirjaimia (esimerkiksi latinalaisia ja kyrillisiä tai kreikkalaisia), jolloin kaksi nimeä voi näyttää samalta: kirjoita se yhdellä kirjoitusjärjestelmällä." },
	[W_ERR_NAME_ANON] = { "This session is anonymous: leave the name out.",
			      "Tämä istunto on nimetön: jätä nimi pois." },
	[W_ERR_NOTE_LONG] = { "A note on sheet %d is longer than %d characters: shorten it.",
			      "Arkin %d muistiinpano on pidempi kuin %d merkkiä: lyhennä sitä." },
	[W_ERR_NOTE_BAD] = { "A note on sheet %d has characters that cannot be stored: type it again.",
			     "Arkin %d muistiinpanossa on merkkejä, joita ei voi tallentaa: kirjoita se uudelleen." },
	[W_ERR_CLOSED] = { "Voting is closed: the ballot was not saved.",
			   "Äänestys on suljettu: ääntä ei tallennettu." },
	[W_ERR_ROUND_OVER] = { "Voting for round %d is closed because round %d has started: scan the new QR code shown in the room to vote in it.",
			       "Kierroksen %d äänestys on suljettu, koska kierros %d on alkanut: äänestä siinä skannaamalla salissa näkyvä uusi QR-koodi." },
	[W_ERR_ROUND_HERE] = { "Voting for round %d is closed because round %d has started: vote in it with the link below.",
			       "Kierroksen %d äänestys on suljettu, koska kierros %d on alkanut: äänestä siinä alla olevasta linkistä." },
	[W_VOTE_NEXT] = { "Vote in round %d", "Äänestä kierroksella %d" },
	[W_ERR_VOTED] = { "%s has voted already: ask the facilitator.",
			  "%s on jo äänestänyt: kysy fasilitaattorilta." },
	[W_ERR_OTHER_NAME] = { "This phone has voted as %s: change that ballot, or ask the facilitator.",
			       "Tällä puhelimella on jo äänestetty nimellä %s: muuta sitä ääntä tai kysy fasilitaattorilta." },
	[W_ERR_CSRF] = { "The page is out of date or came from elsewhere: open the join address again.",
			 "Sivu on vanhentunut tai tuli muualta: avaa liittymisosoite uudelleen." },
	[W_ERR_RATE] = { "Too many sends from this address: wait a minute and send again.",
			 "Tästä osoitteesta on lähetetty liian monta kertaa: odota minuutti ja lähetä uudelleen." },
	[W_ERR_TOO_BIG] = { "The form is too large (over 64 KiB): shorten the notes.",
			    "Lomake on liian suuri (yli 64 KiB): lyhennä muistiinpanoja." },
	[W_ERR_BUSY] = { "The laptop is busy saving another ballot: send again in a moment.",
			 "Kannettava tallentaa juuri toista ääntä: lähetä uudelleen hetken päästä." },
	[W_ERR_STORE] = { "The ballot could not be saved (%s): tell the facilitator.",
			  "Ääntä ei voitu tallentaa (%s): kerro fasilitaattorille." },
	[W_ERR_METHOD] = { "This address takes only GET and POST: open the join address again.",
			   "Tämä osoite ottaa vain GET- ja POST-pyyntöjä: avaa liittymisosoite uudelleen." },
};

const char *web_word(enum web_word w, enum web_lang l)
{
	if ((unsigned)w >= W_COUNT)
		return "";
	if ((unsigned)l >= WEB_LANGS)
		l = WEB_EN;
	return words[w][l] ? words[w][l] : "";
}

const char *web_level_name(enum level l, enum web_lang lang)
{
	static const char *const names[LEVEL_COUNT][WEB_LANGS] = {
		{ "Strongly agree", "Täysin samaa" },
		{ "Partly agree", "Osittain samaa" },
		{ "Neutral", "Neutraali" },
		{ "Partly disagree", "Osittain eri" },
		{ "Strongly disagree", "Täysin eri" },
		{ "Don't know", "En osaa sanoa" },
	};
	if ((unsigned)l >= LEVEL_COUNT)
		return "";
	return names[l][(unsigned)lang < WEB_LANGS ? lang : WEB_EN];
}

const char *web_quadrant_name(enum quadrant q, enum web_lang lang)
{
	static const char *const names[QUAD_COUNT][WEB_LANGS] = {
		{ "Strengths (S)", "Vahvuudet (S)" },
		{ "Weaknesses (W)", "Heikkoudet (W)" },
		{ "Opportunities (O)", "Mahdollisuudet (O)" },
		{ "Threats (T)", "Uhat (T)" },
	};
	if ((unsigned)q >= QUAD_COUNT)
		return "";
	return names[q][(unsigned)lang < WEB_LANGS ? lang : WEB_EN];
}

bool web_lang_parse(const char *s, enum web_lang *out)
{
	if (s && strcmp(s, "fi") == 0)
		*out = WEB_FI;
	else if (s && strcmp(s, "en") == 0)
		*out = WEB_EN;
	else
		return false;
	return true;
}

/* How each refusal's format takes its arguments. */
enum args { A_NONE, A_I, A_II, A_S, A_SI };

/* The arguments of a refusal sentence. */
static enum args args_of(enum web_word w)
{
	switch (w) {
	case W_ERR_BUDGET: case W_ERR_SHEET: case W_ERR_NOTE_LONG:
	case W_ERR_ROUND_OVER: case W_ERR_ROUND_HERE:
		return A_II;
	case W_ERR_CLASSIC: case W_ERR_NAME_LONG: case W_ERR_NOTE_BAD:
		return A_I;
	case W_ERR_LEVEL: case W_ERR_TWICE: case W_ERR_FIELD:
	case W_ERR_VOTED: case W_ERR_OTHER_NAME: case W_ERR_STORE:
	case W_ERR_GROUP:
		return A_S;
	case W_ERR_DOTS:
		return A_SI;
	default:
		return A_NONE;
	}
}

void web_refusal_text(const struct web_refusal *r, enum web_lang l,
		      char *out, size_t n)
{
	const char *fmt = web_word(r->msg, l);
	switch (args_of(r->msg)) {
	case A_I: snprintf(out, n, fmt, r->a); break;
	case A_II: snprintf(out, n, fmt, r->a, r->b); break;
	case A_S: snprintf(out, n, fmt, r->s); break;
	case A_SI: snprintf(out, n, fmt, r->s, r->a); break;
	default: snprintf(out, n, "%s", fmt); break;
	}
}
