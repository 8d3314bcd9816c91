// An e-mail address that breaks after its "@" on a narrow screen ("ubnd.tinhkhe@" / "quangngai.example"),
// never in the middle of a word.
export function Email({ address }: { address: string }) {
  const at = address.lastIndexOf('@');
  if (at < 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}
