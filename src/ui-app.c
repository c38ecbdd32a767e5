/* The full-screen app (issue 3): not yet. */
typedef int ui_app_placeholder;
