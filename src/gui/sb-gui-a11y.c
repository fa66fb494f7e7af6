/* sb-gui-a11y.c — names and focus as a screen reader and a keyboard meet them
 *
 * GTK 4.8 and libadwaita 1.2 get a few things wrong that every window of the app
 * would otherwise repeat (tests/e2e/test_accessibility.py finds them):
 * - a button with a mnemonic is named by its raw label and again by the label inside
 *   it ("_Approve Approve");
 * - the button inside a GtkDropDown, which takes the focus, is named "GtkToggleButton";
 * - the text inside an AdwEntryRow has no accessible role, so taking the focus there
 *   sends no focus event and a screen reader stays silent;
 * - a list view or list box is one Tab stop per row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-gui-a11y.h"

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

/* A mnemonic label already names its button: the raw label ("_Approve") goes. */
static void
forget_raw_label (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  if ((gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL) ||
      (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child))))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
button_label_changed_cb (GtkButton  *button,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  forget_raw_label (button);
}

static void
name_button (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  /* An icon and a mnemonic label (AdwButtonContent): the app names these buttons
   * itself; the label inside would say it a second time. */
  if (ADW_IS_BUTTON_CONTENT (child) && adw_button_content_get_use_underline (ADW_BUTTON_CONTENT (child)))
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      return;
    }
  forget_raw_label (button);
  /* A label set again ("Approve" after "Approved") brings the raw label back. */
  if (g_object_get_data (G_OBJECT (button), "sb-a11y-named") == NULL)
    {
      g_object_set_data (G_OBJECT (button), "sb-a11y-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (button, "notify::label", G_CALLBACK (button_label_changed_cb), NULL);
    }
}

/* The toggle button inside a drop-down takes the focus: it is named as the drop-down.
 * The app names each drop-down; a row whose activatable widget it is would name it a
 * second time ("Country Country"). */
static void
name_drop_down_button (GtkWidget *dropdown)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  for (GtkWidget *child = gtk_widget_get_first_child (dropdown);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      dropdown, NULL, -1);
}

/* The text inside an AdwEntryRow gets a role (before anything asked for it), so
 * that it is in the accessibility tree, named by the row's title, and says when it
 * takes the focus. */
static void
expose_entry_row_text (GtkWidget *text)
{
  GtkWidget *row = gtk_widget_get_ancestor (text, ADW_TYPE_ENTRY_ROW);
  GtkAccessibleRole role;
  g_autofree char *title = NULL;

  if (row == NULL || g_object_get_data (G_OBJECT (text), "sb-a11y-exposed") != NULL)
    return;
  g_object_set_data (G_OBJECT (text), "sb-a11y-exposed", GINT_TO_POINTER (TRUE));
  g_object_get (text, "accessible-role", &role, NULL);
  if (role == GTK_ACCESSIBLE_ROLE_NONE)
    g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  if (title != NULL && adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    {
      char *to = title;

      /* "_Sender" says "Sender"; "__" is an underscore. */
      for (const char *from = title; *from; from++)
        {
          if (*from == '_' && from[1] != '_')
            continue;
          if (*from == '_')
            from++;
          *to++ = *from;
        }
      *to = '\0';
    }
  if (title != NULL && *title)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
correct (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    name_button (GTK_BUTTON (widget));
  else if (GTK_IS_DROP_DOWN (widget))
    name_drop_down_button (widget);
  else if (GTK_IS_TEXT (widget))
    expose_entry_row_text (widget);
}

static void
correct_tree (GtkWidget *widget)
{
  correct (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    correct_tree (child);
}

static const char *
first_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : first_label_text (child);

      if (text != NULL && *text)
        return text;
    }
  return NULL;
}

/* Windows libadwaita and GTK build (About, Keyboard Shortcuts) leave a few controls
 * unnamed in these versions: an icon button is named by its tooltip or the text it
 * shows, the search field and the search button as such, a text view by the page. */
static void
correct_library_window (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
      else if (GTK_IS_TEXT_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Troubleshooting"), -1);
      else if (GTK_IS_MENU_BUTTON (child))
        {
          /* Its own button inside is named already. */
          const char *name = first_label_text (child);

          if (name != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          continue;
        }
      else if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          const char *name = gtk_widget_get_tooltip_text (child);

          if (name == NULL)
            name = first_label_text (child);
          if (name == NULL)
            name = _("Search");  /* the one icon button left: Keyboard Shortcuts' search */
          if (name != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
      correct_library_window (child);
    }
}

/* A window, as it is realized, with all it holds: the pages and buttons not shown yet
 * are in the accessibility tree too. Widgets made later are corrected as they are
 * realized. */
static gboolean
widget_realized_cb (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (ADW_IS_ABOUT_WINDOW (widget) || GTK_IS_SHORTCUTS_WINDOW (widget))
    correct_library_window (widget);
  if (GTK_IS_WINDOW (widget))
    correct_tree (widget);
  else
    correct (widget);
  return TRUE;
}

/**
 * sb_gui_a11y_install:
 *
 * Puts the corrections above on every widget the application realizes, its own and
 * GTK's and libadwaita's (message dialogs, the about window). Call once, at startup.
 */
void
sb_gui_a11y_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The class is initialised (its signals exist) once a reference is taken. */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
      guint realize = g_signal_lookup ("realize", GTK_TYPE_WIDGET);

      g_type_class_unref (widget_class);


      g_signal_add_emission_hook (realize, 0, widget_realized_cb, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * sb_gui_a11y_name_list_row:
 * @row_child: the child of a list view's row, as given to gtk_list_item_set_child()
 * @name: (nullable): what a screen reader says for the row
 *
 * Names the row itself (GTK 4.8's GtkListItemWidget, the node that takes the focus)
 * rather than its child, which a screen reader does not read when the row is focused.
 */
void
sb_gui_a11y_name_list_row (GtkWidget  *row_child,
                           const char *name)
{
  GtkWidget *row = gtk_widget_get_parent (row_child);

  if (row == NULL)
    return;
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * sb_gui_a11y_name_descendants:
 * @widget: where to look
 * @type: the type of widget to name
 * @name: what a screen reader says for them
 *
 * Names the widgets of @type inside @widget: for widgets a library builds without a
 * name (the search entry of an AdwPreferencesWindow).
 */
void
sb_gui_a11y_name_descendants (GtkWidget  *widget,
                              GType       type,
                              const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      sb_gui_a11y_name_descendants (child, type, name);
    }
}

/* ------------------------------------------------------------------------ */
/* Tab                                                                      */
/* ------------------------------------------------------------------------ */

/* Tab and Shift+Tab leave the list from any row: the list, not able to take the
 * focus for a moment, is skipped by the window's own focus chain. Arrows move
 * inside it. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *root;
  gboolean backward;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  root = GTK_WIDGET (gtk_widget_get_root (list));
  if (root == NULL)
    return FALSE;
  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  gtk_widget_set_can_focus (list, FALSE);
  if (!gtk_widget_child_focus (root, backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (root, backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  gtk_widget_set_can_focus (list, TRUE);
  return TRUE;
}

/**
 * sb_gui_a11y_single_tab_stop:
 * @list: a GtkListView or GtkListBox
 *
 * Makes @list one Tab stop: Tab enters it once (on its current row) and the next Tab
 * leaves it, as in a GTK 4.12 list with its tab-behavior set to "item"; the arrows
 * move between rows.
 */
void
sb_gui_a11y_single_tab_stop (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), NULL);
  gtk_widget_add_controller (list, keys);
}
