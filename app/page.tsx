import { PublicPage } from "@/components/app-shell/public-page";
import { SignedOutCleanup } from "@/components/pwa/signed-out-cleanup";

const features = [
  {
    title: "Notes in markdown",
    body: "Write in markdown, pin what matters, tag everything, and attach files that stay private to you.",
  },
  {
    title: "Tasks on a list and a board",
    body: "To do, in progress, done: due dates and priorities, sorted your way, dragged where they belong.",
  },
  {
    title: "On your phone, even offline",
    body: "Install Jotboard to your home screen; it keeps working without a connection and syncs when you are back.",
  },
] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LandingPage({ searchParams }: Props) {
  const { "signed-out": signedOut } = await searchParams;
  return (
    <PublicPage>
      {signedOut && <SignedOutCleanup />}
      <div className="space-y-12 py-6 sm:py-12">
        <section className="space-y-4">
          <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
            Your notes and tasks, <span className="text-accent">on one board.</span>
          </h1>
          <p className="max-w-2xl text-lg text-muted">
            Jotboard keeps your markdown notes, their attachments and your to-do list together, in
            the browser and on your phone.
          </p>
        </section>
        <section aria-labelledby="features-heading">
          <h2 id="features-heading" className="sr-only">
            Features
          </h2>
          <ul className="grid gap-4 sm:grid-cols-3">
            {features.map((feature) => (
              <li key={feature.title} className="rounded-xl border border-line bg-surface p-5">
                <h3 className="font-semibold">{feature.title}</h3>
                <p className="mt-2 text-sm text-muted">{feature.body}</p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </PublicPage>
  );
}
