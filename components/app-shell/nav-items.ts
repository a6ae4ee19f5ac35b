export interface NavItem {
  readonly href: string;
  readonly label: string;
}

/** The app's sections. A section joins this list when its pages exist. */
export const navItems: readonly NavItem[] = [
  { href: "/notes", label: "Notes" },
  { href: "/tasks", label: "Tasks" },
];
