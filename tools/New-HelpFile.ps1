<#
.SYNOPSIS
    Writes the MAML help of a binary module from its C# XML documentation comments.
.DESCRIPTION
    Imports the module and writes one MAML command entry per exported cmdlet. Text comes from the doc comments:
    on the cmdlet class, <summary><para type="synopsis"/><para type="description"/></summary> and
    <example><code/><para/></example>; on each parameter property, <summary><para type="description"/></summary>.
    Inherited parameters are looked up on the (generic) class that declares them. Common parameters and
    parameters marked DontShow are left out. Missing text is left empty; tests/Pester/Help.Tests.ps1 reports it.
.PARAMETER DocXml
    The XML documentation files; several as an array or, through pwsh -File, as one comma-separated string.
.EXAMPLE
    ./tools/New-HelpFile.ps1 -ModulePath out/OpenStackVpn -DocXml out/publish/OpenStackVpn.xml -OutFile out/OpenStackVpn/en-US/OpenStackVpn.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $ModulePath,
    [Parameter(Mandatory = $true)] [string[]] $DocXml,
    [Parameter(Mandatory = $true)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath -Force -PassThru
# -WhatIf and -Confirm are shown (in SYNTAX too) on the cmdlets that take them; the other common ones are not.
$skip = @([System.Management.Automation.Cmdlet]::CommonParameters) + @('UseTransaction')
$shouldProcessText = @{
    WhatIf  = 'Shows what the command would do, without doing it: nothing is sent that changes the cloud.'
    Confirm = 'Asks before each change.'
}

# Doc comments of every member, by id (T:Type, P:Type.Property).
$docs = @{}
foreach ($file in ($DocXml -split ',')) {   # pwsh -File passes a list as one 'a,b' string
    foreach ($member in ([xml](Get-Content -LiteralPath $file -Raw)).doc.members.member) { $docs[$member.name] = $member }
}

function Esc([string] $Text) { [System.Security.SecurityElement]::Escape($Text) }

function Get-Text($Node) {
    # Element text on one line; <see cref="T:X.Y"/> and <paramref name="p"/> become their names.
    if ($null -eq $Node) { return '' }
    $copy = $Node.Clone()
    foreach ($ref in @($copy.SelectNodes('.//see | .//paramref | .//typeparamref'))) {
        $name = $ref.GetAttribute('cref'); if (-not $name) { $name = $ref.GetAttribute('name') }
        $ref.ParentNode.ReplaceChild($copy.OwnerDocument.CreateTextNode(($name -replace '^\w:', '')), $ref) | Out-Null
    }
    ($copy.InnerText -replace '\s+', ' ').Trim()
}

function Get-Code($Node) {
    # Code keeps its lines, less the indentation the compiler's XML adds to all of them.
    $lines = @(($Node.InnerText -replace "`r", '') -split "`n" | ForEach-Object { $_.TrimEnd() })
    while ($lines.Count -gt 0 -and -not $lines[0]) { $lines = @($lines | Select-Object -Skip 1) }
    while ($lines.Count -gt 0 -and -not $lines[-1]) { $lines = @($lines | Select-Object -SkipLast 1) }
    $indent = ($lines | Where-Object { $_ } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    if (-not $indent) { $indent = 0 }
    ($lines | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { $_ } }) -join "`n"
}

function Get-Paras([string[]] $Texts) {
    $Texts = @($Texts | Where-Object { $_ })
    if ($Texts.Count -eq 0) { return '<maml:para />' }
    ($Texts | ForEach-Object { '<maml:para>' + (Esc $_) + '</maml:para>' }) -join ''
}

function Get-Description([string[]] $Texts) { '<maml:description>' + (Get-Paras $Texts) + '</maml:description>' }

function Get-TypeName([type] $Type, [switch] $Full) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Full) { $Type.FullName } else { $Type.Name }
}

function Find-Property([type] $Type, [string] $Name) {
    # The most derived property of that name (GetProperty alone throws when a class hides an inherited one).
    $flags = [System.Reflection.BindingFlags]'Public, Instance, DeclaredOnly'
    for (; $Type; $Type = $Type.BaseType) { $property = $Type.GetProperty($Name, $flags); if ($property) { return $property } }
}

function Get-ParameterDoc([type] $Implementing, [string] $Name) {
    # Looked up on the declaring type, as its generic definition when generic: P:Namespace.Type`1.Name.
    $property = Find-Property $Implementing $Name
    if (-not $property) { return '' }
    $declaring = $property.DeclaringType
    if ($declaring.IsGenericType) { $declaring = $declaring.GetGenericTypeDefinition() }
    $member = $docs['P:' + ($declaring.FullName -replace '\+', '.') + '.' + $Name]
    if (-not $member) { return '' }
    Get-Text $member.SelectSingleNode("summary/para[@type='description']")
}

function Sort-Parameters($Parameters) {
    # Positional first, then mandatory, then the rest as declared (Sort-Object alone is not stable).
    $n = 0
    $items = @(foreach ($p in $Parameters) { [pscustomobject]@{ P = $p; Index = $n++ } })
    if ($items.Count -eq 0) { return }
    $items | Sort-Object { if ("$($_.P.Position)" -match '^\d+$') { [int]$_.P.Position } else { [int]::MaxValue } },
        { if ($_.P -is [hashtable]) { -not $_.P.Required } else { -not $_.P.IsMandatory } }, Index | ForEach-Object { $_.P }
}

function Get-ParameterXml([hashtable] $Info, [switch] $InSyntax) {
    # $Info: the parameter as one set has it (syntax), or merged over all its sets (parameters section).
    $attributes = 'required="{0}" variableLength="{1}" globbing="{2}" pipelineInput="{3}" position="{4}" aliases="{5}"' -f `
        $Info.Required.ToString().ToLower(), $Info.Type.IsArray.ToString().ToLower(), $Info.Globbing.ToString().ToLower(),
        $Info.Pipeline, $Info.Position, (Esc $(if ($Info.Aliases) { $Info.Aliases -join ', ' } else { 'none' }))
    $xml = "<command:parameter $attributes><maml:name>$(Esc $Info.Name)</maml:name>" + (Get-Description $Info.Description)
    $isSwitch = $Info.Type -eq [System.Management.Automation.SwitchParameter]
    if ($InSyntax -and $Info.ValidValues) {
        $xml += '<command:parameterValueGroup>' + (($Info.ValidValues | ForEach-Object {
                    '<command:parameterValue required="false" command:variableLength="false">' + (Esc $_) + '</command:parameterValue>' }) -join '') + '</command:parameterValueGroup>'
    }
    elseif (-not ($InSyntax -and $isSwitch)) {
        $xml += '<command:parameterValue required="{0}" variableLength="false">{1}</command:parameterValue>' -f (-not $isSwitch).ToString().ToLower(), (Esc (Get-TypeName $Info.Type))
    }
    $xml + "<dev:type><maml:name>$(Esc (Get-TypeName $Info.Type -Full))</maml:name><maml:uri /></dev:type>" +
    "<dev:defaultValue>$(Esc $Info.Default)</dev:defaultValue></command:parameter>"
}

$commandXml = foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
    $type = $command.ImplementingType
    $member = $docs['T:' + ($type.FullName -replace '\+', '.')]
    if (-not $member) { Write-Warning "$($command.Name): no doc comment on $($type.FullName)." }
    $summary = $null; $examples = @()
    if ($member) { $summary = $member.SelectSingleNode('summary'); $examples = @($member.SelectNodes('example')) }

    # Defaults: what a fresh instance holds, when that is more than the type's own default.
    $instance = $null
    try { $instance = [Activator]::CreateInstance($type) } catch { Write-Verbose "$($command.Name): no instance for defaults." }

    $info = [ordered]@{}
    $sets = @($command.ParameterSets | Where-Object { $_.IsDefault }) + @($command.ParameterSets | Where-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        foreach ($p in $set.Parameters) {
            if ($skip -contains $p.Name) { continue }
            if ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) { continue }
            if (-not $info.Contains($p.Name)) {
                $default = 'None'
                $property = Find-Property $type $p.Name
                if ($instance -and $property) {
                    # An enum always holds a value (its first is a real choice, e.g. Swanctl); a switch is off.
                    $value = $property.GetValue($instance)
                    $blank = if ($p.ParameterType.IsValueType) { [Activator]::CreateInstance($p.ParameterType) } else { $null }
                    if ($null -ne $value -and ($p.ParameterType.IsEnum -or -not $value.Equals($blank))) {
                        $default = [string]$value
                    }
                    elseif ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $default = 'False' }
                }
                $validate = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
                $info[$p.Name] = @{
                    Name = $p.Name; Type = $p.ParameterType; Aliases = @($p.Aliases); Default = $default; Required = $true
                    Position = 'named'; ByValue = $false; ByName = $false; ValidValues = $(if ($validate) { @($validate.ValidValues) } else { @() })
                    Globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    Description = $(if ($shouldProcessText.Contains($p.Name)) { $shouldProcessText[$p.Name] }
                        else { Get-ParameterDoc $type $p.Name })
                }
            }
            $i = $info[$p.Name]
            $i.Required = $i.Required -and $p.IsMandatory
            if ($p.Position -ge 0 -and $i.Position -eq 'named') { $i.Position = [string]$p.Position }
            $i.ByValue = $i.ByValue -or $p.ValueFromPipeline
            $i.ByName = $i.ByName -or $p.ValueFromPipelineByPropertyName
        }
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }
    foreach ($i in $info.Values) {
        $ways = @()
        if ($i.ByValue) { $ways += 'ByValue' }
        if ($i.ByName) { $ways += 'ByPropertyName' }
        $i.Pipeline = if ($ways) { 'True (' + ($ways -join ', ') + ')' } else { 'False' }
    }

    $syntax = foreach ($set in $sets) {
        $shown = @(Sort-Parameters ($set.Parameters | Where-Object { $info.Contains($_.Name) }))
        '<command:syntaxItem><maml:name>' + (Esc $command.Name) + '</maml:name>' + (($shown | ForEach-Object {
                    $i = $info[$_.Name].Clone()
                    $i.Required = $_.IsMandatory
                    $i.Position = if ($_.Position -ge 0) { [string]$_.Position } else { 'named' }
                    Get-ParameterXml $i -InSyntax }) -join '') + '</command:syntaxItem>'
    }
    $parameters = Sort-Parameters $info.Values | ForEach-Object { Get-ParameterXml $_ }
    $inputs = @($info.Values | Where-Object { $_.ByValue } | ForEach-Object { Get-TypeName $_.Type -Full } | Select-Object -Unique)
    $outputs = @($command.OutputType | ForEach-Object { $_.Name } | Select-Object -Unique)
    if (-not $inputs) { $inputs = @('None') }
    if (-not $outputs) { $outputs = @('None') }
    $exampleXml = for ($n = 0; $n -lt $examples.Count; $n++) {
        $remarks = @($examples[$n].SelectNodes('para') | ForEach-Object { Get-Text $_ })
        "<command:example><maml:title>-------------------------- Example $($n + 1) --------------------------</maml:title>" +
        '<dev:code>' + (Esc (Get-Code $examples[$n].SelectSingleNode('code'))) + '</dev:code><dev:remarks>' +
        (Get-Paras $remarks) + '</dev:remarks></command:example>'
    }
    $synopsis = ''; $description = @()
    if ($summary) {
        $synopsis = Get-Text $summary.SelectSingleNode("para[@type='synopsis']")
        $description = @($summary.SelectNodes("para[@type='description']") | ForEach-Object { Get-Text $_ })
    }

    @"
  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">
    <command:details><command:name>$(Esc $command.Name)</command:name><command:verb>$(Esc $command.Verb)</command:verb><command:noun>$(Esc $command.Noun)</command:noun>$(Get-Description $synopsis)</command:details>
    $(Get-Description $description)
    <command:syntax>$($syntax -join '')</command:syntax>
    $(if ($parameters) { "<command:parameters>$($parameters -join '')</command:parameters>" })
    <command:inputTypes>$(($inputs | ForEach-Object { "<command:inputType><dev:type><maml:name>$(Esc $_)</maml:name></dev:type>$(Get-Description @())</command:inputType>" }) -join '')</command:inputTypes>
    <command:returnValues>$(($outputs | ForEach-Object { "<command:returnValue><dev:type><maml:name>$(Esc $_)</maml:name></dev:type>$(Get-Description @())</command:returnValue>" }) -join '')</command:returnValues>
    <command:examples>$($exampleXml -join '')</command:examples>
  </command:command>
"@
}

$xml = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<helpItems schema=`"maml`" xmlns=`"http://msh`">`n" + ($commandXml -join "`n") + "`n</helpItems>`n"
$null = [xml]$xml   # fails here, not in Get-Help, if the XML is not well formed
$path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
$null = New-Item -ItemType Directory -Path (Split-Path $path) -Force
[System.IO.File]::WriteAllText($path, $xml, (New-Object System.Text.UTF8Encoding $false))
Write-Host "Help for $(@($commandXml).Count) cmdlets written to $path"
