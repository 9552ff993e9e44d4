import MockPanel from "./mock-panel";

export default function Page() {
  return <MockPanel />;
}
