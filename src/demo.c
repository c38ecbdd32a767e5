/* demo: the rehearsal session's fixed content (see demo.h). */
#include "tapla/demo.h"

#include <string.h>

/* Short names for the table below. */
#define AG LEVEL_AGREE
#define PA LEVEL_PARTLY_AGREE
#define NE LEVEL_NEUTRAL
#define PD LEVEL_PARTLY_DISAGREE
#define DI LEVEL_DISAGREE
#define UN LEVEL_UNSURE
#define SCR SOURCE_SCREEN
#define PAP SOURCE_PAPER

/* The dots of each ballot, the same in both languages. D0 is the seed's
 * participant A: 5 agree on sheet 1, 2 on sheet 2, 2 on sheet 3 (the seed
 * does not say which column: neutral here) and 1 disagree on sheet 4. */
#define D0 { { 0, AG, 5 }, { 1, PA, 2 }, { 2, NE, 2 }, { 3, DI, 1 } }
#define D1 { { 0, AG, 3 }, { 1, AG, 4 }, { 2, PA, 2 }, { 3, NE, 1 } }
#define D2 { { 0, PA, 2 }, { 1, AG, 2 }, { 2, AG, 4 }, { 3, PA, 2 } }
#define D3 { { 0, AG, 4 }, { 1, PA, 3 }, { 3, PD, 2 }, { 3, UN, 1 } }
#define D4 { { 1, AG, 5 }, { 2, NE, 1 }, { 3, AG, 4 } }
#define D5 { { 0, AG, 2 }, { 1, AG, 3 }, { 2, AG, 3 }, { 3, AG, 2 } }
#define D6 { { 0, PA, 3 }, { 1, NE, 2 }, { 2, PA, 3 }, { 3, DI, 2 } }
#define D7 { { 0, AG, 6 }, { 1, PA, 2 }, { 3, UN, 2 } }
#define D8 { { 0, NE, 1 }, { 1, PD, 1 }, { 2, AG, 5 }, { 3, PA, 3 } }
#define D9 { { 0, PA, 3 }, { 1, AG, 4 }, { 2, UN, 2 }, { 3, AG, 1 } }
#define D10 { { 0, DI, 2 }, { 2, PA, 2 }, { 3, AG, 6 } }
#define D11 { { 0, AG, 3 }, { 1, AG, 3 }, { 2, PA, 2 }, { 3, PA, 1 } }
#define D12 { { 0, PA, 3 }, { 1, PA, 4 }, { 2, AG, 3 } }

/* The second round, after the discussion: most moved a little, A stayed,
 * and three more residents came (R13 to R15). */
#define R0 D0
#define R1 { { 0, AG, 2 }, { 1, AG, 5 }, { 2, PA, 2 }, { 3, NE, 1 } }
#define R2 { { 0, AG, 2 }, { 1, AG, 3 }, { 2, AG, 4 }, { 3, PA, 1 } }
#define R3 { { 0, AG, 4 }, { 1, AG, 3 }, { 3, DI, 3 } }
#define R4 { { 1, AG, 4 }, { 2, PA, 2 }, { 3, AG, 4 } }
#define R5 { { 0, AG, 2 }, { 1, AG, 3 }, { 2, AG, 3 }, { 3, PA, 2 } }
#define R6 { { 0, AG, 3 }, { 1, PA, 2 }, { 2, PA, 3 }, { 3, DI, 2 } }
#define R7 { { 0, AG, 5 }, { 1, AG, 3 }, { 3, UN, 2 } }
#define R8 { { 0, PA, 1 }, { 1, NE, 1 }, { 2, AG, 5 }, { 3, PA, 3 } }
#define R9 { { 0, PA, 3 }, { 1, AG, 4 }, { 2, PA, 2 }, { 3, AG, 1 } }
#define R10 { { 0, PD, 2 }, { 2, AG, 2 }, { 3, AG, 6 } }
#define R11 { { 0, AG, 3 }, { 1, AG, 3 }, { 2, AG, 2 }, { 3, PA, 1 } }
#define R12 { { 0, AG, 3 }, { 1, PA, 4 }, { 2, AG, 3 } }
#define R13 { { 0, AG, 3 }, { 1, AG, 3 }, { 2, NE, 2 }, { 3, PD, 2 } }
#define R14 { { 1, AG, 4 }, { 2, PA, 4 }, { 3, UN, 2 } }
#define R15 { { 0, PA, 2 }, { 2, AG, 5 }, { 3, AG, 3 } }

/* Who voted, in each language, and where the ballot came from: three
 * were written on paper sheets on the wall, as in a real room. */
static const struct demo_ballot ballots_fi[] = {
	{ "Osallistuja A", SCR, D0, 1 },
	{ "Liisa Korhonen", SCR, D1, 0 },
	{ "Matti Virtanen", SCR, D2, 1 },
	{ "Anneli Mäkinen", SCR, D3, 2 },
	{ "Juha Nieminen", SCR, D4, 0 },
	{ "Sari Heikkinen", SCR, D5, 1 },
	{ "Timo Laine", PAP, D6, 2 },
	{ "Päivi Koskinen", PAP, D7, 0 },
	{ "Jari Järvinen", SCR, D8, 1 },
	{ "Tuula Lehtonen", PAP, D9, 2 },
	{ "Mikko Salonen", SCR, D10, 0 },
	{ "Hannele Turunen", SCR, D11, 1 },
	{ "Kari Hämäläinen", SCR, D12, 0 },
};

static const struct demo_ballot ballots_en[] = {
	{ "Participant A", SCR, D0, 1 },
	{ "Linda Carter", SCR, D1, 0 },
	{ "Matthew Hughes", SCR, D2, 1 },
	{ "Ann Mitchell", SCR, D3, 2 },
	{ "John Newman", SCR, D4, 0 },
	{ "Sarah Hill", SCR, D5, 1 },
	{ "Tim Lawson", PAP, D6, 2 },
	{ "Pauline Cook", PAP, D7, 0 },
	{ "Gary Jarvis", SCR, D8, 1 },
	{ "Ruth Lee", PAP, D9, 2 },
	{ "Michael Stone", SCR, D10, 0 },
	{ "Helen Turner", SCR, D11, 1 },
	{ "Keith Hamilton", SCR, D12, 0 },
};

static const struct demo_ballot round2_fi[] = {
	{ "Osallistuja A", SCR, R0, 1 },
	{ "Liisa Korhonen", SCR, R1, 0 },
	{ "Matti Virtanen", SCR, R2, 1 },
	{ "Anneli Mäkinen", SCR, R3, 2 },
	{ "Juha Nieminen", SCR, R4, 0 },
	{ "Sari Heikkinen", SCR, R5, 1 },
	{ "Timo Laine", PAP, R6, 2 },
	{ "Päivi Koskinen", PAP, R7, 0 },
	{ "Jari Järvinen", SCR, R8, 1 },
	{ "Tuula Lehtonen", PAP, R9, 2 },
	{ "Mikko Salonen", SCR, R10, 0 },
	{ "Hannele Turunen", SCR, R11, 1 },
	{ "Kari Hämäläinen", SCR, R12, 0 },
	{ "Eeva Rantanen", SCR, R13, 2 },
	{ "Pekka Ojala", SCR, R14, 2 },
	{ "Aino Karjalainen", SCR, R15, 2 },
};

static const struct demo_ballot round2_en[] = {
	{ "Participant A", SCR, R0, 1 },
	{ "Linda Carter", SCR, R1, 0 },
	{ "Matthew Hughes", SCR, R2, 1 },
	{ "Ann Mitchell", SCR, R3, 2 },
	{ "John Newman", SCR, R4, 0 },
	{ "Sarah Hill", SCR, R5, 1 },
	{ "Tim Lawson", PAP, R6, 2 },
	{ "Pauline Cook", PAP, R7, 0 },
	{ "Gary Jarvis", SCR, R8, 1 },
	{ "Ruth Lee", PAP, R9, 2 },
	{ "Michael Stone", SCR, R10, 0 },
	{ "Helen Turner", SCR, R11, 1 },
	{ "Keith Hamilton", SCR, R12, 0 },
	{ "Eve Ross", SCR, R13, 2 },
	{ "Peter Owen", SCR, R14, 2 },
	{ "Amy Carson", SCR, R15, 2 },
};

static const struct demo_note notes_fi[] = {
	{ 1, 0, QUAD_S, "Yhteiset sopimuspohjat säästävät jokaisen kunnan juristin aikaa." },
	{ 3, 0, QUAD_W, "Hyvät käytännöt jäävät helposti yhden kunnan kansioon." },
	{ 0, 0, QUAD_O, "Yhteinen työskentelyalusta pienille kunnille." },
	{ 4, 1, QUAD_S, "Verkosto tuo yhteen eri kokoiset kunnat." },
	{ 5, 1, QUAD_T, "Fasilitointiin ei ole resursseja ilman rahoitusta." },
	{ 2, 2, QUAD_O, "Maakuntauudistus avaa uusia vaikuttamiskanavia." },
	{ 8, 2, QUAD_W, "Sidosryhmät tuntevat verkoston vielä huonosti." },
	{ 10, 3, QUAD_S, "Organisaatiorajojen yli syntyy uusia yhdistelmiä." },
	{ 0, 3, QUAD_T, "Ensimmäisenä vuonna ei kannata hajauttaa voimia uuteen." },
	{ 9, 3, QUAD_O, "Yhteinen tiekartta ja skenaariot vuoteen 2020." },
};

static const struct demo_note notes_en[] = {
	{ 1, 0, QUAD_S, "Shared contract templates save every municipality's lawyer time." },
	{ 3, 0, QUAD_W, "Good practices easily stay in one municipality's folder." },
	{ 0, 0, QUAD_O, "A shared working platform for small municipalities." },
	{ 4, 1, QUAD_S, "The network brings municipalities of every size together." },
	{ 5, 1, QUAD_T, "No resources for facilitation without funding." },
	{ 2, 2, QUAD_O, "The regional reform opens new channels of influence." },
	{ 8, 2, QUAD_W, "Stakeholders hardly know the network yet." },
	{ 10, 3, QUAD_S, "New combinations arise across organisational boundaries." },
	{ 0, 3, QUAD_T, "In the first year it is not worth spreading our effort to new things." },
	{ 9, 3, QUAD_O, "A shared roadmap and scenarios up to 2020." },
};

static const struct demo_content content_fi = {
	"HARJOITUS – ", ballots_fi, sizeof ballots_fi / sizeof ballots_fi[0], notes_fi,
	sizeof notes_fi / sizeof notes_fi[0],
	"luottamushenkilöt\nviranhaltijat\nasukkaat",
	round2_fi, sizeof round2_fi / sizeof round2_fi[0],
};
static const struct demo_content content_en = {
	"REHEARSAL – ", ballots_en, sizeof ballots_en / sizeof ballots_en[0], notes_en,
	sizeof notes_en / sizeof notes_en[0],
	"elected officials\nstaff\nresidents",
	round2_en, sizeof round2_en / sizeof round2_en[0],
};

const struct demo_content *demo_content(const char *lang)
{
	return lang && strcmp(lang, "fi") == 0 ? &content_fi : &content_en;
}

void demo_ballot(const struct demo_ballot *d, int nsheets, struct ballot *out)
{
	rules_ballot_init(out, nsheets);
	for (int i = 0; i < DEMO_MAX_CELLS && d->cells[i].dots > 0; i++) {
		const struct demo_cell *c = &d->cells[i];
		if (c->sheet >= 0 && c->sheet < nsheets)
			out->dots[c->sheet][c->level] += c->dots;
	}
}
